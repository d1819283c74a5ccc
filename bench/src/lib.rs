//! mixin-codegen benchmark support: the synthetic corpus, the naive baseline pipeline and
//! the call into mixin-codegen ("ours"). The binary in main.rs drives them.

pub mod corpus;
pub mod naive;
pub mod ours;
pub mod write_cost;

#[cfg(test)]
mod tests {
    /// Both pipelines accept the synthetic corpus and write one file per contract plus the root.
    #[test]
    fn both_pipelines_accept_the_corpus() {
        let dir = std::env::temp_dir().join(format!("mixin-codegen-bench-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        crate::corpus::write_corpus(&dir.join("corpus"), 20).unwrap();
        let ours = crate::ours::generate(&dir.join("corpus"), &dir.join("ours"), None);
        let naive = crate::naive::generate(&dir.join("corpus"), &dir.join("naive"));
        let again = crate::ours::generate(&dir.join("corpus"), &dir.join("ours"), None);
        let _ = std::fs::remove_dir_all(&dir);
        let ours = ours.unwrap();
        assert_eq!(ours.files_written, 21);
        assert_eq!(naive.unwrap().files_written, 21);
        let again = again.unwrap();
        assert_eq!((again.files_written, again.files_unchanged), (0, 21));
    }
}
