//! Every file tupu writes (`export -o`, `extract --out-dir`, the store's article files) is
//! written whole or not at all. Bytes go to a temporary file beside the target (a name
//! starting `.tupu-tmp-`), which replaces the target only when everything was written and
//! synced, and the folder is synced after the rename; a failure leaves the old file as it
//! was and names the target, never a stand-in like `<output>`.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file being written: `commit` puts it in place; dropping it without `commit` (an error
/// on the way) removes the temporary file and leaves the target untouched.
pub struct AtomicFile {
    target: PathBuf,
    tmp: std::io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    pub fn create(target: &Path) -> Result<AtomicFile> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".tupu-tmp-")
            .tempfile_in(dir)
            .map_err(|e| Error::io(target, e))?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            tmp: std::io::BufWriter::new(tmp),
        })
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes, syncs and renames the file over the target.
    pub fn commit(self) -> Result<()> {
        commit_all(vec![self])
    }
}

/// Puts several files in place as one group commit: every file is flushed and synced, then
/// each renamed over its target, then each folder synced once. (A store's ingest commits
/// the articles that are ready together: one folder sync for many articles.) On an error
/// the files not yet renamed are left out, their targets untouched.
pub fn commit_all(files: Vec<AtomicFile>) -> Result<()> {
    let mut ready = Vec::with_capacity(files.len());
    for f in files {
        let target = f.target;
        let tmp = f
            .tmp
            .into_inner()
            .map_err(|e| Error::io(&target, e.into_error()))?;
        ready.push((target, tmp));
    }
    for (target, tmp) in &ready {
        tmp.as_file().sync_all().map_err(|e| Error::io(target, e))?;
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    for (target, tmp) in ready {
        tmp.persist(&target)
            .map_err(|e| Error::io(&target, e.error))?;
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    // The renames themselves must reach the disk too.
    for dir in dirs {
        std::fs::File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io(&dir, e))?;
    }
    Ok(())
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

/// Writes a whole file atomically.
pub fn write_file(target: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(bytes).map_err(|e| Error::io(target, e))?;
    f.commit()
}
