//! The root file's macros and what they call, so that each generated type says what it is in a
//! line or two instead of repeating the same impls (and serde's expanded derives) per type.
//!
//! - `string_enum!`: `ALL`, the name method, `Display`, `FromStr` and, with serde, `Serialize`
//!   and `Deserialize` as the contract's text, for an enum of names.
//! - `deserialize_struct!` (serde): `Deserialize` through one generic visitor. `#[derive(Deserialize)]`
//!   expands to a field enum, its visitor and a map visitor per struct (about 230 lines each, most
//!   of the generated crate's check time); this keeps serde's behaviour (missing, unknown and
//!   duplicate fields, `Option` fields that may be absent, partial overrides of configuration).
//! - `tagged!`: `action()` of a mixin's `Request` and `Response` and, with serde, `Serialize` and
//!   `Deserialize` as `{"action": <name>, "input" | "output": <payload>}`, through one generic
//!   visitor too.
//!
//! They expand to paths `super::..`: they are called from mixin modules, one level below the root.

use proc_macro2::TokenStream;
use quote::quote;

/// What the macros call: hidden public items of the shared types (with serde; none without).
pub fn runtime(serde: bool) -> TokenStream {
    if !serde {
        return TokenStream::new();
    }
    let deserialize_name = {
        quote! {
            /// The index in `names` of the name a deserializer holds, or serde's `unknown variant`
            /// error. Called by `string_enum!`, not by users.
            #[doc(hidden)]
            pub fn deserialize_name<'de, D: ::serde::Deserializer<'de>>(
                deserializer: D,
                names: &'static [&'static str],
            ) -> ::core::result::Result<usize, D::Error> {
                deserializer.deserialize_str(Name(names))
            }

            struct Name(&'static [&'static str]);

            impl ::serde::de::Visitor<'_> for Name {
                type Value = usize;

                fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str("a name")
                }

                fn visit_str<E: ::serde::de::Error>(self, name: &str) -> ::core::result::Result<usize, E> {
                    self.0.iter().position(|n| *n == name).ok_or_else(|| E::unknown_variant(name, self.0))
                }
            }
        }
    };
    quote! {
        /// What a generated struct says about its fields, so that [`deserialize_fields`] can read it.
        /// Implemented by `deserialize_struct!`, not by users.
        #[doc(hidden)]
        pub trait Fields: ::core::default::Default {
            /// The struct's name, for messages.
            const NAME: &'static str;
            /// Its keys, in declaration order.
            const KEYS: &'static [&'static str];
            /// Whether a key left out keeps its default (configuration) rather than being missing,
            /// which only an `Option` may be.
            const DEFAULTS: bool;
            /// Whether an unknown key is an error rather than skipped.
            const STRICT: bool;
            /// Reads the field named `key`, one of [`Fields::KEYS`], from `value`.
            fn read<'de, V: FieldValue<'de>>(
                &mut self,
                key: &'static str,
                value: V,
            ) -> ::core::result::Result<(), V::Error>;
            /// Checks the value once every field is read: the bounds of a configuration section.
            fn check<E: ::serde::de::Error>(&self) -> ::core::result::Result<(), E> {
                ::core::result::Result::Ok(())
            }
        }

        /// Where [`Fields::read`] takes a field's value from: a map entry, a sequence element, or
        /// nothing (a missing field). Used by generated code, not by users.
        #[doc(hidden)]
        pub trait FieldValue<'de> {
            /// The deserializer's error.
            type Error: ::serde::de::Error;
            /// The value, deserialized as `T`.
            fn get<T: ::serde::Deserialize<'de>>(self) -> ::core::result::Result<T, Self::Error>;
            /// The value, whatever it is, skipped.
            fn skip(self) -> ::core::result::Result<(), Self::Error>;
        }

        /// Deserializes a generated struct through its [`Fields`]. Called by generated code, not
        /// by users.
        #[doc(hidden)]
        pub fn deserialize_fields<'de, T: Fields, D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::core::result::Result<T, D::Error> {
            deserializer.deserialize_struct(T::NAME, T::KEYS, FieldsVisitor(::core::marker::PhantomData))
        }

        struct FieldsVisitor<T>(::core::marker::PhantomData<T>);

        impl<'de, T: Fields> ::serde::de::Visitor<'de> for FieldsVisitor<T> {
            type Value = T;

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "struct {}", T::NAME)
            }

            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<T, A::Error> {
                let mut value = T::default();
                let mut seen = ::std::vec![false; T::KEYS.len()];
                while let ::core::option::Option::Some(key) = map.next_key_seed(Key::<T>(::core::marker::PhantomData))? {
                    let ::core::option::Option::Some(index) = key else {
                        map.next_value::<::serde::de::IgnoredAny>()?;
                        continue;
                    };
                    if ::core::mem::replace(&mut seen[index], true) {
                        return ::core::result::Result::Err(<A::Error as ::serde::de::Error>::duplicate_field(T::KEYS[index]));
                    }
                    value.read(T::KEYS[index], MapValue(&mut map))?;
                }
                if !T::DEFAULTS {
                    for (&key, seen) in T::KEYS.iter().zip(seen) {
                        if !seen {
                            value.read(key, Missing::<A::Error>(key, ::core::marker::PhantomData))?;
                        }
                    }
                }
                value.check::<A::Error>()?;
                ::core::result::Result::Ok(value)
            }

            fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut seq: A) -> ::core::result::Result<T, A::Error> {
                let mut value = T::default();
                for (index, &key) in T::KEYS.iter().enumerate() {
                    value.read(key, Element { seq: &mut seq, index, keys: T::KEYS.len() })?;
                }
                value.check::<A::Error>()?;
                ::core::result::Result::Ok(value)
            }
        }

        /// A key of `T`: its index in [`Fields::KEYS`], or `None` for an unknown key it skips.
        struct Key<T>(::core::marker::PhantomData<T>);

        impl<'de, T: Fields> ::serde::de::DeserializeSeed<'de> for Key<T> {
            type Value = ::core::option::Option<usize>;

            fn deserialize<D: ::serde::Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> ::core::result::Result<Self::Value, D::Error> {
                deserializer.deserialize_identifier(self)
            }
        }

        impl<'de, T: Fields> ::serde::de::Visitor<'de> for Key<T> {
            type Value = ::core::option::Option<usize>;

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: ::serde::de::Error>(self, key: &str) -> ::core::result::Result<Self::Value, E> {
                match T::KEYS.iter().position(|k| *k == key) {
                    ::core::option::Option::Some(index) => ::core::result::Result::Ok(::core::option::Option::Some(index)),
                    ::core::option::Option::None if T::STRICT => ::core::result::Result::Err(E::unknown_field(key, T::KEYS)),
                    ::core::option::Option::None => ::core::result::Result::Ok(::core::option::Option::None),
                }
            }

            fn visit_bytes<E: ::serde::de::Error>(self, key: &[u8]) -> ::core::result::Result<Self::Value, E> {
                match ::core::str::from_utf8(key) {
                    ::core::result::Result::Ok(key) => self.visit_str(key),
                    ::core::result::Result::Err(_) if T::STRICT => ::core::result::Result::Err(E::invalid_value(::serde::de::Unexpected::Bytes(key), &self)),
                    ::core::result::Result::Err(_) => ::core::result::Result::Ok(::core::option::Option::None),
                }
            }
        }

        struct MapValue<'a, A>(&'a mut A);

        impl<'de, A: ::serde::de::MapAccess<'de>> FieldValue<'de> for MapValue<'_, A> {
            type Error = A::Error;

            fn get<T: ::serde::Deserialize<'de>>(self) -> ::core::result::Result<T, A::Error> {
                self.0.next_value()
            }

            fn skip(self) -> ::core::result::Result<(), A::Error> {
                self.0.next_value::<::serde::de::IgnoredAny>().map(drop)
            }
        }

        struct Element<'a, A> {
            seq: &'a mut A,
            index: usize,
            keys: usize,
        }

        impl<'de, A: ::serde::de::SeqAccess<'de>> FieldValue<'de> for Element<'_, A> {
            type Error = A::Error;

            fn get<T: ::serde::Deserialize<'de>>(self) -> ::core::result::Result<T, A::Error> {
                let keys = self.keys;
                self.seq.next_element()?.ok_or_else(|| {
                    <A::Error as ::serde::de::Error>::invalid_length(self.index, &&*::std::format!("{keys} elements"))
                })
            }

            fn skip(self) -> ::core::result::Result<(), A::Error> {
                self.seq.next_element::<::serde::de::IgnoredAny>().map(drop)
            }
        }

        /// A field the input left out: `None` for an `Option`, else the error `missing field`.
        struct Missing<E>(&'static str, ::core::marker::PhantomData<E>);

        impl<'de, E: ::serde::de::Error> FieldValue<'de> for Missing<E> {
            type Error = E;

            fn get<T: ::serde::Deserialize<'de>>(self) -> ::core::result::Result<T, E> {
                T::deserialize(self)
            }

            fn skip(self) -> ::core::result::Result<(), E> {
                ::core::result::Result::Ok(())
            }
        }

        impl<'de, E: ::serde::de::Error> ::serde::Deserializer<'de> for Missing<E> {
            type Error = E;

            fn deserialize_any<V: ::serde::de::Visitor<'de>>(self, _: V) -> ::core::result::Result<V::Value, E> {
                ::core::result::Result::Err(E::missing_field(self.0))
            }

            fn deserialize_option<V: ::serde::de::Visitor<'de>>(self, visitor: V) -> ::core::result::Result<V::Value, E> {
                visitor.visit_none()
            }

            ::serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
                unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
            }
        }

        /// A mixin's `Request` or `Response`: an action's name, then its payload. Implemented by
        /// `tagged!`, not by users.
        #[doc(hidden)]
        pub trait Tagged: Sized {
            /// The action names (the mixin's `Action`).
            type Tag: ::serde::de::DeserializeOwned;
            /// The enum's name, for messages.
            const NAME: &'static str;
            /// `["action", "input"]` or `["action", "output"]`.
            const KEYS: &'static [&'static str];
            /// The variant of `tag`, its payload read from `value`.
            fn read<'de, V: FieldValue<'de>>(tag: Self::Tag, value: V) -> ::core::result::Result<Self, V::Error>;
        }

        /// Serializes a mixin's `Request` or `Response` as `{"action": tag, content: payload}`, the
        /// shape [`deserialize_tagged_enum`] reads. Called by `tagged!`, not by users.
        #[doc(hidden)]
        pub fn serialize_tagged<S: ::serde::Serializer, P: ::serde::Serialize + ?Sized>(
            serializer: S,
            name: &'static str,
            tag: &'static str,
            content: &'static str,
            payload: ::core::option::Option<&P>,
        ) -> ::core::result::Result<S::Ok, S::Error> {
            use ::serde::ser::SerializeStruct as _;
            let mut state = serializer.serialize_struct(name, 1 + usize::from(payload.is_some()))?;
            state.serialize_field("action", tag)?;
            if let ::core::option::Option::Some(payload) = payload {
                state.serialize_field(content, payload)?;
            }
            state.end()
        }

        /// Deserializes a mixin's `Request` or `Response` through its [`Tagged`]. Called by
        /// generated code, not by users.
        #[doc(hidden)]
        pub fn deserialize_tagged_enum<'de, T: Tagged, D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::core::result::Result<T, D::Error> {
            deserializer.deserialize_struct(T::NAME, T::KEYS, TaggedVisitor(::core::marker::PhantomData))
        }

        struct TaggedVisitor<T>(::core::marker::PhantomData<T>);

        impl<'de, T: Tagged> ::serde::de::Visitor<'de> for TaggedVisitor<T> {
            type Value = T;

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "enum {} as {{\"{}\": <name>, \"{}\": <value>}}", T::NAME, T::KEYS[0], T::KEYS[1])
            }

            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<T, A::Error> {
                use ::serde::de::Error as _;
                let mut tag = ::core::option::Option::None;
                let mut payload_first = false;
                while let ::core::option::Option::Some(key) = map.next_key::<::std::string::String>()? {
                    if key == T::KEYS[0] {
                        if tag.is_some() {
                            return ::core::result::Result::Err(A::Error::duplicate_field(T::KEYS[0]));
                        }
                        tag = ::core::option::Option::Some(map.next_value::<T::Tag>()?);
                    } else if key == T::KEYS[1] {
                        // Without buffering the payload, the name must come first, as serializing writes it.
                        let ::core::option::Option::Some(tag) = tag.take() else {
                            map.next_value::<::serde::de::IgnoredAny>()?;
                            payload_first = true;
                            continue;
                        };
                        let value = T::read(tag, MapValue(&mut map))?;
                        while map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                            map.next_value::<::serde::de::IgnoredAny>()?;
                        }
                        return ::core::result::Result::Ok(value);
                    } else {
                        map.next_value::<::serde::de::IgnoredAny>()?;
                    }
                }
                match tag {
                    ::core::option::Option::Some(_) if payload_first => ::core::result::Result::Err(A::Error::custom(
                        ::core::format_args!("`{}` must come before `{}`", T::KEYS[0], T::KEYS[1]),
                    )),
                    ::core::option::Option::Some(tag) => T::read(tag, Missing::<A::Error>(T::KEYS[1], ::core::marker::PhantomData)),
                    ::core::option::Option::None => ::core::result::Result::Err(A::Error::missing_field(T::KEYS[0])),
                }
            }

            fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut seq: A) -> ::core::result::Result<T, A::Error> {
                let tag = seq
                    .next_element::<T::Tag>()?
                    .ok_or_else(|| <A::Error as ::serde::de::Error>::invalid_length(0, &self))?;
                T::read(tag, Element { seq: &mut seq, index: 1, keys: 2 })
            }
        }

        #deserialize_name
    }
}

/// The macros, which each root file defines itself (also when its types are another crate's: a
/// `macro_rules!` macro cannot be re-exported across crates without `#[macro_export]`).
pub fn macros(serde: bool) -> TokenStream {
    let serde_impls = serde.then(|| {
        quote! {
            impl ::serde::Serialize for $name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.$text())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    super::deserialize_name(deserializer, &[$($wire),*]).map(|index| Self::ALL[index])
                }
            }
        }
    });
    let doc = if serde {
        " For a generated enum of names, each variant with its text in the contract: `ALL`, the\n method giving the text (named first, in parentheses), `Display`, `FromStr`, and `Serialize`\n and `Deserialize` as that text."
    } else {
        " For a generated enum of names, each variant with its text in the contract: `ALL`, the\n method giving the text (named first, in parentheses), `Display` and `FromStr`."
    };
    let doc = doc.lines().map(|line| quote!(#[doc = #line]));
    let serde_macros = serde.then(|| {
        quote! {
        /// `impl Deserialize` for a generated struct, by [`Fields`]: its name, then in parentheses
        /// `defaults` (a key left out keeps its default), `strict` (an unknown key is an error) and
        /// `checked` (the bounds are checked once it is read), then its fields, each with its key
        /// where the key is not the field's name (`r#type = "type"`).
        macro_rules! deserialize_struct {
            ($name:ident $(($($flag:ident),*))? { $($field:ident $(= $key:literal)?),* $(,)? }) => {
                impl<'de> ::serde::Deserialize<'de> for $name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(
                        deserializer: D,
                    ) -> ::core::result::Result<Self, D::Error> {
                        super::deserialize_fields(deserializer)
                    }
                }

                impl super::Fields for $name {
                    const NAME: &'static str = ::core::stringify!($name);
                    const KEYS: &'static [&'static str] = &[$(super::deserialize_struct!(@key $field $($key)?)),*];
                    const DEFAULTS: bool = super::deserialize_struct!(@has defaults $($($flag)*)?);
                    const STRICT: bool = super::deserialize_struct!(@has strict $($($flag)*)?);

                    #[allow(unused_variables)]
                    fn read<'de, V: super::FieldValue<'de>>(
                        &mut self,
                        key: &'static str,
                        value: V,
                    ) -> ::core::result::Result<(), V::Error> {
                        $(
                            if key == super::deserialize_struct!(@key $field $($key)?) {
                                self.$field = value.get()?;
                                return ::core::result::Result::Ok(());
                            }
                        )*
                        ::core::result::Result::Ok(())
                    }

                    super::deserialize_struct!(@check $($($flag)*)?);
                }
            };
            (@key $field:ident $key:literal) => { $key };
            (@key $field:ident) => { ::core::stringify!($field) };
            (@has defaults defaults $($rest:ident)*) => { true };
            (@has strict strict $($rest:ident)*) => { true };
            (@has $want:ident $other:ident $($rest:ident)*) => { super::deserialize_struct!(@has $want $($rest)*) };
            (@has $want:ident) => { false };
            (@check checked $($rest:ident)*) => {
                fn check<E: ::serde::de::Error>(&self) -> ::core::result::Result<(), E> {
                    super::Checked::validate(self).map_err(E::custom)
                }
            };
            (@check $other:ident $($rest:ident)*) => { super::deserialize_struct!(@check $($rest)*); };
            (@check) => {};
        }

        #[doc(hidden)]
        pub(crate) use deserialize_struct;

        /// `Serialize` and `Deserialize` of a configuration struct given a `#[serde(..)]` through
        /// `type_attribute`: it derives both with `#[serde(remote = "Self")]`, so that the attribute
        /// reaches both, and these call what the derives made; deserializing then checks the bounds.
        /// Unused unless a `type_attribute` gives one.
        #[allow(unused_macros)]
        macro_rules! checked_serde {
            ($name:ident) => {
                impl ::serde::Serialize for $name {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                        Self::serialize(self, serializer)
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for $name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                        let value = Self::deserialize(deserializer)?;
                        super::Checked::validate(&value).map_err(<D::Error as ::serde::de::Error>::custom)?;
                        ::core::result::Result::Ok(value)
                    }
                }
            };
        }

        #[doc(hidden)]
        #[allow(unused_imports)]
        pub(crate) use checked_serde;

        }
    });
    let tagged_serde = serde.then(|| {
        quote! {
            impl ::serde::Serialize for $name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    match self {
                        $(
                            super::tagged!(@bind $variant payload $($payload)?) => super::serialize_tagged(
                                serializer,
                                ::core::stringify!($name),
                                Action::$variant.name(),
                                $content,
                                super::tagged!(@some payload $($payload)?),
                            ),
                        )*
                    }
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    super::deserialize_tagged_enum(deserializer)
                }
            }

            impl super::Tagged for $name {
                type Tag = Action;
                const NAME: &'static str = ::core::stringify!($name);
                const KEYS: &'static [&'static str] = &["action", $content];

                fn read<'de, V: super::FieldValue<'de>>(
                    tag: Action,
                    value: V,
                ) -> ::core::result::Result<Self, V::Error> {
                    ::core::result::Result::Ok(match tag {
                        $(Action::$variant => super::tagged!(@read value $variant $($payload)?),)*
                    })
                }
            }
        }
    });
    let tagged_doc = if serde {
        " For a mixin's `Request` or `Response`: its name, the key of the payload in parentheses, then\n each variant (an action of `Action`) with its payload type, if it has one. Gives `action()`,\n and `Serialize` and `Deserialize` as `{\"action\": <name>, <key>: <payload>}`, read through\n one generic visitor ([`Tagged`])."
    } else {
        " For a mixin's `Request` or `Response`: its name, the key of the payload in parentheses, then\n each variant (an action of `Action`) with its payload type, if it has one. Gives `action()`."
    };
    let tagged_doc = tagged_doc.lines().map(|line| quote!(#[doc = #line]));
    quote! {
        #(#tagged_doc)*
        macro_rules! tagged {
            ($name:ident($content:literal) { $($variant:ident $(($payload:ty))?),* $(,)? }) => {
                impl $name {
                    /// The action it names.
                    pub const fn action(&self) -> Action {
                        match self {
                            $(super::tagged!(@bind $variant _ $($payload)?) => Action::$variant,)*
                        }
                    }
                }

                #tagged_serde
            };
            (@bind $variant:ident $bind:tt $payload:ty) => { Self::$variant($bind) };
            (@bind $variant:ident $bind:tt) => { Self::$variant };
            (@some $bind:ident $payload:ty) => { ::core::option::Option::Some($bind) };
            (@some $bind:ident) => { ::core::option::Option::None::<&()> };
            (@read $value:ident $variant:ident $payload:ty) => { Self::$variant($value.get::<$payload>()?) };
            (@read $value:ident $variant:ident) => {{
                $value.skip()?;
                Self::$variant
            }};
        }

        #[doc(hidden)]
        pub(crate) use tagged;

        #(#doc)*
        macro_rules! string_enum {
            ($name:ident($text:ident) { $($variant:ident($wire:literal)),* $(,)? }) => {
                impl $name {
                    /// Every value, in contract order.
                    pub const ALL: &'static [Self] = &[$(Self::$variant),*];

                    /// The value as the contract writes it.
                    pub const fn $text(self) -> &'static str {
                        match self {
                            $(Self::$variant => $wire,)*
                        }
                    }
                }

                impl ::core::fmt::Display for $name {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(self.$text())
                    }
                }

                impl ::core::str::FromStr for $name {
                    type Err = super::UnknownVariant;

                    fn from_str(s: &str) -> ::core::result::Result<Self, super::UnknownVariant> {
                        match s {
                            $($wire => ::core::result::Result::Ok(Self::$variant),)*
                            _ => ::core::result::Result::Err(super::UnknownVariant {
                                type_name: ::core::stringify!($name),
                                value: ::std::string::String::from(s),
                            }),
                        }
                    }
                }

                #serde_impls
            };
        }

        #[doc(hidden)]
        pub(crate) use string_enum;

        #serde_macros
    }
}
