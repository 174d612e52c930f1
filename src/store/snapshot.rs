//! The index as one file (`index.snapshot`), so that opening a store is one sequential read
//! instead of parsing every article file.
//!
//! The snapshot is a cache of the article files, never the only copy of anything: its
//! manifest says which file (name, length, modification time) each graph came from, and
//! opening re-reads only the files that differ from it. A missing, stale, damaged or foreign
//! snapshot therefore costs time, never data. It is written beside itself and renamed over
//! (`output::write_file`'s way), and ends in a CRC-32 of everything before it.
//!
//! Layout (little-endian): magic, manifest (JSON), dictionary (forms, offsets, lookup),
//! the four orders, CRC.

use super::index::{Dictionary, Id, Index};
use crc32fast::Hasher;
use serde::{de::DeserializeOwned, Serialize};
use std::io::{BufReader, Read, Write};
use std::path::Path;

const MAGIC: &[u8; 8] = b"TUPUIX01";
pub const FILE: &str = "index.snapshot";

/// Writes the snapshot of `index` with its manifest to `path`, whole or not at all (through
/// `output::AtomicFile`, as every file tupu writes).
pub fn write(path: &Path, manifest: &impl Serialize, index: &Index) -> crate::Result<()> {
    let mut file = crate::output::AtomicFile::create(path)?;
    let io = |e: std::io::Error| crate::Error::io(path, e);
    {
        let mut out = Crc {
            inner: &mut file,
            crc: Hasher::new(),
        };
        out.write_all(MAGIC).map_err(io)?;
        let json = serde_json::to_vec(manifest).map_err(|e| io(std::io::Error::other(e)))?;
        out.write_all(&(json.len() as u64).to_le_bytes())
            .map_err(io)?;
        out.write_all(&json).map_err(io)?;
        let d = &index.dict;
        out.write_all(&(d.len() as u64).to_le_bytes()).map_err(io)?;
        out.write_all(&(d.blob.len() as u64).to_le_bytes())
            .map_err(io)?;
        out.write_all(&d.blob).map_err(io)?;
        out.write_all(bytemuck::cast_slice(&d.offsets))
            .map_err(io)?;
        let hashes: Vec<u64> = d.by_hash.iter().map(|&(h, _)| h).collect();
        let ids: Vec<Id> = d.by_hash.iter().map(|&(_, id)| id).collect();
        out.write_all(bytemuck::cast_slice(&hashes)).map_err(io)?;
        out.write_all(bytemuck::cast_slice(&ids)).map_err(io)?;
        out.write_all(&(index.len() as u64).to_le_bytes())
            .map_err(io)?;
        for order in &index.orders {
            out.write_all(bytemuck::cast_slice(order)).map_err(io)?;
        }
        let crc = out.crc.clone().finalize();
        out.inner.write_all(&crc.to_le_bytes()).map_err(io)?;
    }
    file.commit()
}

/// Reads a snapshot: `Ok(None)` when there is none; an error says why one cannot be used.
pub fn read<M: DeserializeOwned>(path: &Path) -> Result<Option<(M, Index)>, String> {
    if !cfg!(target_endian = "little") {
        return Ok(None);
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    let mut input = Crc {
        inner: BufReader::with_capacity(1 << 20, file),
        crc: Hasher::new(),
    };
    let problem = |e: std::io::Error| format!("cut short or unreadable ({e})");
    let mut magic = [0u8; 8];
    input.read_exact(&mut magic).map_err(problem)?;
    if &magic != MAGIC {
        return Err("not a snapshot of this version".into());
    }
    // Every length is checked against the file's size before anything is allocated.
    let take_len =
        |input: &mut Crc<BufReader<std::fs::File>>, unit: u64| -> Result<usize, String> {
            let mut b = [0u8; 8];
            input.read_exact(&mut b).map_err(problem)?;
            let n = u64::from_le_bytes(b);
            if n.checked_mul(unit).is_none_or(|bytes| bytes > size) {
                return Err("a length runs past the end of the file".into());
            }
            Ok(n as usize)
        };
    let json_len = take_len(&mut input, 1)?;
    let mut json = vec![0u8; json_len];
    input.read_exact(&mut json).map_err(problem)?;
    let manifest: M = serde_json::from_slice(&json).map_err(|e| format!("its manifest: {e}"))?;
    drop(json);
    let terms = take_len(&mut input, 20)?;
    let blob_len = take_len(&mut input, 1)?;
    let mut blob = vec![0u8; blob_len];
    input.read_exact(&mut blob).map_err(problem)?;
    let mut offsets = vec![0u64; terms + 1];
    input
        .read_exact(bytemuck::cast_slice_mut(&mut offsets))
        .map_err(problem)?;
    let mut hashes = vec![0u64; terms];
    input
        .read_exact(bytemuck::cast_slice_mut(&mut hashes))
        .map_err(problem)?;
    let mut ids = vec![0 as Id; terms];
    input
        .read_exact(bytemuck::cast_slice_mut(&mut ids))
        .map_err(problem)?;
    let quads = take_len(&mut input, 64)?;
    let mut orders: [Vec<[Id; 4]>; 4] = Default::default();
    for order in orders.iter_mut() {
        *order = vec![[0; 4]; quads];
        input
            .read_exact(bytemuck::cast_slice_mut(order))
            .map_err(problem)?;
    }
    let want = input.crc.clone().finalize();
    let mut crc = [0u8; 4];
    input.inner.read_exact(&mut crc).map_err(problem)?;
    if u32::from_le_bytes(crc) != want {
        return Err("its checksum does not match".into());
    }
    let consistent = offsets.first() == Some(&0)
        && offsets.windows(2).all(|w| w[0] <= w[1])
        && offsets
            .last()
            .is_some_and(|&end| end as usize == blob.len())
        && ids
            .iter()
            .all(|&id| id as usize >= 1 && id as usize <= terms)
        && orders
            .iter()
            .flatten()
            .all(|e| e.iter().all(|&id| id as usize <= terms));
    if !consistent {
        return Err("its term numbers are out of range".into());
    }
    let by_hash = hashes.into_iter().zip(ids).collect();
    Ok(Some((
        manifest,
        Index {
            dict: Dictionary {
                blob,
                offsets,
                by_hash,
            },
            orders,
        },
    )))
}

/// A reader or writer that keeps a CRC-32 of the bytes that pass.
struct Crc<T> {
    inner: T,
    crc: Hasher,
}

impl<T: Write> Write for Crc<T> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<T: Read> Read for Crc<T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.crc.update(&buf[..n]);
        Ok(n)
    }
}
