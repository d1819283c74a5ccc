//! Every breaking-change rule: a stable code, a kebab-case name, the bump it needs, who it breaks
//! and why. docs/breaking-changes.md lists the same table (a test keeps the two in step).

use std::fmt;

/// The version bump a change needs, or a contract made. Ordered: `None < Patch < Minor < Major`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a change can break, as buf groups its rules by what they protect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    /// Nodes that implement the mixin's trait (and build its outputs).
    Implementers,
    /// Code that calls its actions (builds their inputs, reads their outputs).
    Callers,
    /// Configuration override files, and code that builds or reads the config structs.
    ConfigFiles,
    /// Code that reads the generated constants, tables and data sections.
    Readers,
    /// Dashboards, alerts and recording code for its metrics.
    Dashboards,
    /// Node contracts and runtimes that wire the mixin in (node types, dependencies).
    Nodes,
    /// Runtimes and orchestrators that deploy, schedule or route a node by its contract.
    Runtimes,
}

impl Who {
    /// The name in `--format json`.
    pub fn id(self) -> &'static str {
        match self {
            Who::Implementers => "implementers",
            Who::Callers => "callers",
            Who::ConfigFiles => "config_files",
            Who::Readers => "readers",
            Who::Dashboards => "dashboards",
            Who::Nodes => "nodes",
            Who::Runtimes => "runtimes",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Who::Implementers => "nodes implementing the trait",
            Who::Callers => "callers of the actions",
            Who::ConfigFiles => "configuration override files",
            Who::Readers => "code reading the generated constants and data",
            Who::Dashboards => "dashboards and alerts on the metrics",
            Who::Nodes => "nodes using the mixin",
            Who::Runtimes => "runtimes and orchestrators running the node",
        }
    }
}

/// One rule of the check.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable: never reused for another rule.
    pub code: &'static str,
    /// `action-removed`: the rule as a word, for tools and the docs.
    pub id: &'static str,
    pub bump: Bump,
    /// Empty for compatible changes.
    pub breaks: &'static [Who],
    /// Why the change needs this bump, in one sentence (the diagnostic's help).
    pub reason: &'static str,
}

macro_rules! rules {
    ($($name:ident = $code:literal $id:literal $bump:ident [$($who:ident),*] $reason:literal;)*) => {
        $(pub const $name: Rule = Rule {
            code: $code,
            id: $id,
            bump: Bump::$bump,
            breaks: &[$(Who::$who),*],
            reason: $reason,
        };)*
        /// Every rule, in code order.
        pub const ALL: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    CONTRACT_ADDED = "B0001" "contract-added" None []
        "a new contract: nothing used it before, and its first version is whatever it says";
    CONTRACT_REMOVED = "B0002" "contract-removed" Major [Implementers, Callers, Nodes]
        "every node and caller of the mixin loses its module; no version of it can say so";
    DESCRIPTION_CHANGED = "B0003" "description-changed" Patch []
        "descriptions reach only docs and the description fields of the tables";
    OTHER_CHANGE = "B0004" "other-change" Patch []
        "the generated code changes (the order of items, docs) but no name, type or value a user relies on";

    OPTIONAL_ACTION_ADDED = "B0101" "optional-action-added" Minor []
        "the trait gains a method with a default body, so every implementation still compiles";
    REQUIRED_ACTION_ADDED = "B0102" "required-action-added" Major [Implementers]
        "the trait gains a method without a default body: every implementation must add it";
    ACTION_REMOVED = "B0103" "action-removed" Major [Implementers, Callers]
        "implementations define a method the trait no longer has, and calls to it do not compile";
    ACTION_RENAMED = "B0104" "action-renamed" Major [Implementers, Callers]
        "a rename is a removal plus an addition: the old method name is gone from the trait";
    ACTION_MADE_OPTIONAL = "B0105" "action-made-optional" Minor []
        "the method gains a default body; implementations that define it still override it";
    ACTION_MADE_REQUIRED = "B0106" "action-made-required" Major [Implementers]
        "the method loses its default body: implementations that relied on it must now define it";
    TIMEOUT_SHORTENED = "B0107" "timeout-shortened" Major [Implementers]
        "an implementation that met the old limit may now be cut off by the runtime";
    TIMEOUT_LENGTHENED = "B0108" "timeout-lengthened" Minor []
        "every implementation that met the old limit meets the new one; callers may wait longer";

    INPUT_ADDED = "B0201" "input-added" Major [Callers]
        "a request from a caller that does not send the new input is refused (a missing field is an error unless optional), and an action's first input changes the method's signature";
    OPTIONAL_INPUT_ADDED = "B0202" "optional-input-added" Minor []
        "requests without it read as `None`, and input literals ending in `..Default::default()` keep compiling";
    INPUT_REMOVED = "B0203" "input-removed" Major [Implementers, Callers]
        "implementations reading the field and callers setting it no longer compile";
    INPUT_RETYPED = "B0204" "input-retyped" Major [Implementers, Callers]
        "the field's Rust type and its wire form change for both sides";

    OUTPUT_ADDED = "B0301" "output-added" Major [Implementers]
        "an output from an implementation that does not set the new field is refused by callers of the new version (a missing field is an error unless optional), and an action's first output changes the method's signature";
    OUTPUT_REMOVED = "B0302" "output-removed" Major [Callers]
        "callers reading the field no longer compile, and implementations setting it neither";
    OUTPUT_RETYPED = "B0303" "output-retyped" Major [Implementers, Callers]
        "the field's Rust type and its wire form change for both sides";
    OPTIONAL_OUTPUT_ADDED = "B0304" "optional-output-added" Minor []
        "outputs without it read as `None`, and output literals ending in `..Default::default()` keep compiling";

    MODEL_ADDED = "B0401" "model-added" Minor []
        "a new struct: nothing named it before";
    MODEL_REMOVED = "B0402" "model-removed" Major [Implementers, Callers, Readers]
        "code naming the struct no longer compiles, and outputs typed by it change type";
    MODEL_FIELD_ADDED = "B0403" "model-field-added" Major [Implementers]
        "data from an implementation that does not set the new field is refused by readers of the new version (a missing field is an error unless optional)";
    MODEL_FIELD_REMOVED = "B0404" "model-field-removed" Major [Callers, Implementers]
        "code reading or setting the field no longer compiles";
    MODEL_FIELD_RETYPED = "B0405" "model-field-retyped" Major [Implementers, Callers]
        "the field's Rust type and its wire form change";
    OPTIONAL_MODEL_FIELD_ADDED = "B0406" "optional-model-field-added" Minor []
        "data without it reads as `None`, and model literals ending in `..Default::default()` keep compiling";

    CONFIG_SECTION_ADDED = "B0501" "config-section-added" Minor []
        "a new config struct and accessor: nothing named them before";
    CONFIG_SECTION_REMOVED = "B0502" "config-section-removed" Major [ConfigFiles, Readers]
        "code naming the struct or its accessor no longer compiles";
    CONFIG_KEY_ADDED = "B0503" "config-key-added" Minor []
        "the struct has `Default` and `#[serde(default)]`: overrides without the key keep working, and so do literals ending in `..Default::default()`";
    CONFIG_ITEM_KEY_ADDED = "B0504" "config-item-key-added" Major [ConfigFiles, Readers]
        "a list's items have no contract values to default to: override items without the new key are refused";
    CONFIG_KEY_REMOVED = "B0505" "config-key-removed" Major [ConfigFiles, Readers]
        "override files that set the key are refused (unknown key), and code reading it no longer compiles";
    CONFIG_KEY_RETYPED = "B0506" "config-key-retyped" Major [ConfigFiles, Readers]
        "override files with values of the old type are refused, and code using the field no longer compiles";
    CONFIG_DEFAULT_CHANGED = "B0507" "config-default-changed" Patch []
        "every name, type and override file keeps working; nodes that rely on the default behave differently, so say it in the changelog";
    CONFIGURATION_RESHAPED = "B0508" "configuration-reshaped" Major [ConfigFiles, Readers]
        "with one config section `Configuration` is that section's struct; with more it is a struct of sections, so code using it as the section and node contracts overriding the section's keys under the integration field break";
    CONFIG_BOUND_TIGHTENED = "B0509" "config-bound-tightened" Major [ConfigFiles]
        "a field spec's bound added or narrowed: override files with values the old bounds allowed are refused, and `validate()` reports them";
    CONFIG_BOUND_LOOSENED = "B0510" "config-bound-loosened" Minor []
        "a field spec's bound removed or widened: every value accepted before is still accepted";

    NODE_TYPE_ADDED = "B0601" "node-type-added" Minor []
        "nodes of the new type may use the mixin; nothing that used it before changes";
    NODE_TYPE_REMOVED = "B0602" "node-type-removed" Major [Nodes]
        "nodes of that type that use the mixin are no longer valid";

    METRIC_ADDED = "B0701" "metric-added" Minor []
        "a new series: no dashboard queried it before";
    METRIC_REMOVED = "B0702" "metric-removed" Major [Dashboards, Readers]
        "dashboards and alerts on the metric go blank";
    METRIC_RETYPED = "B0703" "metric-retyped" Major [Dashboards]
        "queries written for one metric type (rate of a counter, quantiles of a histogram) are wrong for another";
    METRIC_LABEL_ADDED = "B0704" "metric-label-added" Major [Implementers, Dashboards]
        "code recording the metric must give the new label, and series split across nodes on the old and the new version";
    METRIC_LABEL_REMOVED = "B0705" "metric-label-removed" Major [Dashboards]
        "queries that group or filter by the label match nothing";
    METRIC_BUCKETS_ADDED = "B0706" "metric-buckets-added" Minor []
        "every old bucket bound is kept, so queries on them keep working";
    METRIC_BUCKETS_REMOVED = "B0707" "metric-buckets-removed" Major [Dashboards]
        "panels on a removed bound lose it, and quantiles across old and new nodes mix bucket sets";

    PROVIDED_DEPENDENCY_ADDED = "B0801" "provided-dependency-added" Minor []
        "the mixin offers more; nothing that relied on it loses anything";
    PROVIDED_DEPENDENCY_REMOVED = "B0802" "provided-dependency-removed" Major [Nodes]
        "whatever relied on the capability no longer gets it";
    REQUIRED_DEPENDENCY_ADDED = "B0803" "required-dependency-added" Major [Nodes]
        "every node using the mixin must now provide the dependency";
    OPTIONAL_DEPENDENCY_ADDED = "B0804" "optional-dependency-added" Minor []
        "nodes may provide it; those that do not keep working";
    REQUIRED_DEPENDENCY_REMOVED = "B0805" "required-dependency-removed" Minor []
        "nodes providing it keep working; the mixin just needs less";
    REQUIREMENT_MADE_OPTIONAL = "B0806" "requirement-made-optional" Minor []
        "nodes providing it keep working; nodes without it become valid";
    REQUIREMENT_MADE_REQUIRED = "B0807" "requirement-made-required" Major [Nodes]
        "nodes that did not provide the optional dependency are no longer valid";
    PROVISION_MADE_OPTIONAL = "B0808" "provision-made-optional" Major [Nodes]
        "whatever relied on the capability can no longer count on it";
    PROVISION_MADE_CERTAIN = "B0809" "provision-made-certain" Minor []
        "the mixin now always offers what it offered sometimes";
    DEPENDENCY_RETYPED = "B0810" "dependency-retyped" Major [Nodes]
        "a capability is not a protocol, service or resource: what resolves it changes";

    SECTION_ADDED = "B0901" "section-added" Minor []
        "a new data struct and static: nothing named them before";
    SECTION_REMOVED = "B0902" "section-removed" Major [Readers]
        "code reading the static or naming the struct no longer compiles";
    SECTION_KEY_ADDED = "B0903" "section-key-added" Minor []
        "a data section is a static that code reads, not builds: every field read before is still there";
    SECTION_ITEM_KEY_ADDED = "B0904" "section-item-key-added" Minor []
        "the items of a data list are read, not built: every field read before is still there";
    SECTION_KEY_REMOVED = "B0905" "section-key-removed" Major [Readers]
        "code reading the field no longer compiles";
    SECTION_KEY_RETYPED = "B0906" "section-key-retyped" Major [Readers]
        "code using the field no longer compiles";
    SECTION_VALUE_CHANGED = "B0907" "section-value-changed" Patch []
        "names and types stay; the static holds other data, so say it in the changelog";

    NODE_REMOVED = "B1001" "node-removed" Major [Implementers, Callers, ConfigFiles]
        "the module `crate::nodes::<node_name>` is gone with its trait, contract struct and dispatch; no version of it can say so";
    SUBCONTRACT_ADDED = "B1002" "subcontract-added" Major [Implementers]
        "the node's trait gains the mixin's actions trait as a supertrait, so a type that was a complete node is not one until it implements that trait too (the contract struct's new field has `Default`, so override files and literals ending in `..Default::default()` keep working)";
    SUBCONTRACT_REMOVED = "B1003" "subcontract-removed" Major [Callers, ConfigFiles]
        "the contract struct loses the integration field (override files setting it are refused as unknown, code reading it no longer compiles), `Request` and `Response` lose the mixin's variant, and code calling its actions through the node's trait loses them";
    INTEGRATION_FIELD_RENAMED = "B1004" "integration-field-renamed" Major [ConfigFiles]
        "the contract struct's field is renamed: override files under the old key are refused as unknown, and code using the old field no longer compiles";
    NODE_TYPE_CHANGED = "B1005" "node-type-changed" Major [Runtimes, Readers]
        "a node of another kind: what runs, schedules or routes it by `NODE_TYPE` treats it differently (a COMPUTE node has no side effects, an EFFECT node has them)";
    SUBCONTRACT_PATH_CHANGED = "B1006" "subcontract-path-changed" Patch []
        "the same mixin (by mixin_name) read from another file: only the `path` in `SUBCONTRACTS` and the docs change";
}

/// The verdict's own codes: not rules about a change, but about the version that NEW declares.
pub const VERSION_LOWERED: &str = "B0010";
pub const BUMP_TOO_SMALL: &str = "B0011";

/// The rule with this code.
pub fn by_code(code: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_ids_are_unique_and_ordered() {
        for pair in ALL.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} before {}", pair[0].code, pair[1].code);
        }
        let mut ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len());
    }

    #[test]
    fn only_major_rules_break_anyone() {
        for rule in ALL {
            let breaks = !rule.breaks.is_empty();
            assert_eq!(breaks, rule.bump == Bump::Major, "{}", rule.code);
        }
    }
}
