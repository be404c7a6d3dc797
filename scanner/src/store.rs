//! Byte access to one asset, wherever it lives: a local file or an object in a bucket.
//! A [`Blob`] reads ranges (for sampling and Parquet) or streams everything (full mode),
//! and counts every byte it fetches so reports can say honestly how much was read.
//! It never buffers a whole asset; callers ask for bounded ranges or read a stream.
//!
//! Synchronous methods are meant for blocking threads (`spawn_blocking`): object-store calls
//! are driven there with `Handle::block_on`, never on the async workers.

use crate::config::ObjectSource;
use crate::error::{io_error, object_store_error};
use bytes::Bytes;
use futures::StreamExt;
use futures::stream::BoxStream;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectMeta, ObjectStore, ObjectStoreExt, RetryConfig};
use piicat_classifiers::{AssetError, AssetErrorKind, AssetMeta};
use std::io::{self, Read};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Where an asset's bytes come from.
#[derive(Clone)]
enum Backend {
    Local(PathBuf),
    Object {
        store: Arc<dyn ObjectStore>,
        path: ObjectPath,
    },
}

/// One readable asset and what is known about it from listing.
#[derive(Clone)]
pub(crate) struct Blob {
    /// Location for reports (`file:///…`, `s3://bucket/key`).
    pub location: String,
    /// Path relative to the scanned root or prefix, `/`-separated.
    pub rel: String,
    backend: Backend,
    pub size: u64,
    pub etag: Option<String>,
    pub modified: Option<String>,
    read: Arc<AtomicU64>,
}

impl std::fmt::Debug for Blob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Blob")
            .field("location", &self.location)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl Blob {
    /// A local file whose metadata is already known.
    pub fn local(path: PathBuf, rel: String, meta: &std::fs::Metadata) -> Blob {
        let modified = meta
            .modified()
            .ok()
            .map(|t| chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339());
        Blob {
            location: format!("file://{}", path.display()),
            rel,
            backend: Backend::Local(path),
            size: meta.len(),
            etag: None,
            modified,
            read: Arc::new(AtomicU64::new(0)),
        }
    }

    /// An object from a listing.
    pub fn object(
        store: Arc<dyn ObjectStore>,
        base_url: &str,
        prefix: &ObjectPath,
        meta: ObjectMeta,
    ) -> Blob {
        let key = meta.location.as_ref();
        let rel = key
            .strip_prefix(prefix.as_ref())
            .map(|r| r.trim_start_matches('/'))
            .filter(|r| !r.is_empty())
            .unwrap_or(key)
            .to_string();
        Blob {
            location: format!("{base_url}/{key}"),
            rel,
            backend: Backend::Object {
                store,
                path: meta.location,
            },
            size: meta.size,
            etag: meta.e_tag,
            modified: Some(meta.last_modified.to_rfc3339()),
            read: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Whether this blob is an object in a bucket (rather than a local file).
    pub fn is_object(&self) -> bool {
        matches!(self.backend, Backend::Object { .. })
    }

    /// File name (last path segment).
    pub fn name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }

    /// Bytes fetched so far through this blob (and its clones).
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The listing facts as report metadata.
    pub fn meta(&self) -> AssetMeta {
        AssetMeta {
            size_bytes: Some(self.size),
            etag: self.etag.clone(),
            modified: self.modified.clone(),
            ..AssetMeta::default()
        }
    }

    fn io_err(&self, e: &io::Error) -> AssetError {
        io_error(&self.location, e)
    }

    /// Reads `range` (clamped to the size). Blocking; call from a blocking thread.
    pub fn read_range(&self, range: Range<u64>) -> Result<Bytes, AssetError> {
        match &self.backend {
            Backend::Local(_) => self.read_local_range(range),
            Backend::Object { .. } => {
                let handle = tokio::runtime::Handle::try_current().map_err(|_| {
                    AssetError::new(
                        AssetErrorKind::Io,
                        format!("{}: no async runtime to read objects", self.location),
                    )
                })?;
                handle.block_on(self.read_range_async(range))
            }
        }
    }

    /// Reads `range`. Local files are read inline (this runs on a blocking thread under
    /// `block_on`); objects use a ranged GET.
    pub async fn read_range_async(&self, range: Range<u64>) -> Result<Bytes, AssetError> {
        let range = range.start.min(self.size)..range.end.min(self.size);
        if range.is_empty() {
            return Ok(Bytes::new());
        }
        match &self.backend {
            Backend::Local(_) => self.read_local_range(range),
            Backend::Object { store, path } => {
                let bytes = store
                    .get_range(path, range)
                    .await
                    .map_err(|e| object_store_error(&self.location, &e))?;
                self.read.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                Ok(bytes)
            }
        }
    }

    fn read_local_range(&self, range: Range<u64>) -> Result<Bytes, AssetError> {
        use std::os::unix::fs::FileExt;
        let Backend::Local(path) = &self.backend else {
            return Err(AssetError::new(AssetErrorKind::Io, "not a local file"));
        };
        let range = range.start.min(self.size)..range.end.min(self.size);
        let len = usize::try_from(range.end - range.start).map_err(|_| {
            AssetError::new(
                AssetErrorKind::TooLarge,
                format!("{}: range too large", self.location),
            )
        })?;
        let file = std::fs::File::open(path).map_err(|e| self.io_err(&e))?;
        let mut buf = vec![0u8; len];
        let mut filled = 0;
        while filled < len {
            match file.read_at(&mut buf[filled..], range.start + filled as u64) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(self.io_err(&e)),
            }
        }
        buf.truncate(filled);
        self.read.fetch_add(filled as u64, Ordering::Relaxed);
        Ok(Bytes::from(buf))
    }

    /// Streams the whole asset, counting bytes. Blocking reads; call from a blocking thread.
    pub fn open(&self) -> Result<Box<dyn Read + Send>, AssetError> {
        match &self.backend {
            Backend::Local(path) => {
                let file = std::fs::File::open(path).map_err(|e| self.io_err(&e))?;
                if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
                    return Err(AssetError::new(
                        AssetErrorKind::Unsupported,
                        format!("{}: is a directory", self.location),
                    ));
                }
                Ok(Box::new(CountingRead {
                    inner: file,
                    read: self.read.clone(),
                }))
            }
            Backend::Object { store, path } => {
                let handle = tokio::runtime::Handle::try_current().map_err(|_| {
                    AssetError::new(
                        AssetErrorKind::Io,
                        format!("{}: no async runtime to read objects", self.location),
                    )
                })?;
                let store = store.clone();
                let path = path.clone();
                let result = handle
                    .block_on(async move { store.get(&path).await })
                    .map_err(|e| object_store_error(&self.location, &e))?;
                Ok(Box::new(ObjectRead {
                    handle,
                    stream: result.into_stream(),
                    current: Bytes::new(),
                    read: self.read.clone(),
                }))
            }
        }
    }
}

/// Counts bytes read from a local file.
struct CountingRead<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A blocking reader over an object's byte stream: one chunk in memory at a time.
struct ObjectRead {
    handle: tokio::runtime::Handle,
    stream: BoxStream<'static, object_store::Result<Bytes>>,
    current: Bytes,
    read: Arc<AtomicU64>,
}

impl Read for ObjectRead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.current.is_empty() {
            match self.handle.block_on(self.stream.next()) {
                None => return Ok(0),
                Some(Ok(chunk)) => {
                    self.read.fetch_add(chunk.len() as u64, Ordering::Relaxed);
                    self.current = chunk;
                }
                Some(Err(e)) => return Err(io::Error::other(e)),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current.split_to(n));
        Ok(n)
    }
}

/// An opened bucket: the store, the key prefix to list, and the URL prefix for locations.
pub(crate) struct Bucket {
    pub store: Arc<dyn ObjectStore>,
    pub prefix: ObjectPath,
    /// `s3://bucket`, without a trailing slash.
    pub base_url: String,
}

/// Which kind of store an [`ObjectSource`] is for.
#[derive(Clone, Copy, Debug)]
pub(crate) enum StoreKind {
    S3,
    Gcs,
    Azure,
}

fn is_loopback(endpoint: &str) -> bool {
    url::Url::parse(endpoint)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .is_some_and(|h| {
            let h = h.trim_start_matches('[').trim_end_matches(']');
            h == "localhost"
                || h.parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        })
}

/// Builds the store for a source. Fails fast (bounded retries) so a bad endpoint becomes a
/// clear report instead of minutes of back-off.
pub(crate) fn open_bucket(src: &ObjectSource, kind: StoreKind) -> Result<Bucket, AssetError> {
    let bad = |reason: String| {
        AssetError::new(
            AssetErrorKind::Unsupported,
            format!("{}: {reason}", src.url),
        )
    };
    let url = url::Url::parse(&src.url).map_err(|e| bad(format!("invalid URL ({e})")))?;
    let bucket = url.host_str().unwrap_or_default().to_string();
    if bucket.is_empty() {
        return Err(bad("no bucket name".into()));
    }
    let prefix = ObjectPath::from(url.path().trim_matches('/'));
    let retry = RetryConfig {
        max_retries: 2,
        retry_timeout: Duration::from_secs(15),
        ..RetryConfig::default()
    };
    let client = object_store::ClientOptions::new()
        .with_connect_timeout(Duration::from_secs(10))
        .with_timeout(Duration::from_secs(120));
    let store: Arc<dyn ObjectStore> = match kind {
        StoreKind::S3 => {
            use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
            let mut b = AmazonS3Builder::from_env()
                .with_bucket_name(&bucket)
                .with_retry(retry)
                .with_client_options(client);
            if std::env::var_os("AWS_REGION").is_none()
                && std::env::var_os("AWS_DEFAULT_REGION").is_none()
            {
                b = b.with_region("us-east-1");
            }
            if let Some(endpoint) = &src.endpoint {
                b = b
                    .with_endpoint(endpoint)
                    .with_allow_http(src.allow_http || is_loopback(endpoint));
            } else if src.allow_http {
                b = b.with_allow_http(true);
            }
            if let Some(region) = &src.region {
                b = b.with_region(region);
            }
            if let Some(id) = &src.access_key_id {
                b = b.with_access_key_id(id);
            }
            if let Some(var) = &src.secret_access_key_env {
                let secret = std::env::var(var).map_err(|_| {
                    bad(format!(
                        "environment variable `{var}` (secret_access_key_env) is not set"
                    ))
                })?;
                b = b.with_secret_access_key(secret);
            }
            for (k, v) in &src.options {
                let key: AmazonS3ConfigKey = k
                    .parse()
                    .map_err(|_| bad(format!("unknown S3 option `{k}`")))?;
                b = b.with_config(key, v);
            }
            Arc::new(b.build().map_err(|e| object_store_error(&src.url, &e))?)
        }
        StoreKind::Gcs => {
            use object_store::gcp::{GoogleCloudStorageBuilder, GoogleConfigKey};
            let mut b = GoogleCloudStorageBuilder::from_env()
                .with_bucket_name(&bucket)
                .with_retry(retry)
                .with_client_options(client);
            for (k, v) in &src.options {
                let key: GoogleConfigKey = k
                    .parse()
                    .map_err(|_| bad(format!("unknown GCS option `{k}`")))?;
                b = b.with_config(key, v);
            }
            Arc::new(b.build().map_err(|e| object_store_error(&src.url, &e))?)
        }
        StoreKind::Azure => {
            use object_store::azure::{AzureConfigKey, MicrosoftAzureBuilder};
            let mut b = MicrosoftAzureBuilder::from_env()
                .with_container_name(&bucket)
                .with_retry(retry)
                .with_client_options(client);
            if let Some(endpoint) = &src.endpoint {
                b = b
                    .with_endpoint(endpoint.clone())
                    .with_allow_http(src.allow_http || is_loopback(endpoint));
            }
            for (k, v) in &src.options {
                let key: AzureConfigKey = k
                    .parse()
                    .map_err(|_| bad(format!("unknown Azure option `{k}`")))?;
                b = b.with_config(key, v);
            }
            Arc::new(b.build().map_err(|e| object_store_error(&src.url, &e))?)
        }
    };
    let scheme = match kind {
        StoreKind::S3 => "s3",
        StoreKind::Gcs => "gs",
        StoreKind::Azure => "az",
    };
    Ok(Bucket {
        store,
        prefix,
        base_url: format!("{scheme}://{bucket}"),
    })
}

/// Lists every object under the bucket's prefix. When the prefix names one object rather
/// than a "directory", that object alone is returned.
pub(crate) async fn list_bucket(bucket: &Bucket) -> Result<Vec<ObjectMeta>, AssetError> {
    let location = format!("{}/{}", bucket.base_url, bucket.prefix);
    let prefix = (!bucket.prefix.as_ref().is_empty()).then_some(&bucket.prefix);
    let mut listing = bucket.store.list(prefix);
    let mut out = Vec::new();
    while let Some(item) = listing.next().await {
        out.push(item.map_err(|e| object_store_error(&location, &e))?);
    }
    if out.is_empty() && prefix.is_some() {
        match bucket.store.head(&bucket.prefix).await {
            Ok(meta) => out.push(meta),
            Err(object_store::Error::NotFound { .. }) => {}
            Err(e) => return Err(object_store_error(&location, &e)),
        }
    }
    out.sort_by(|a, b| a.location.cmp(&b.location));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_endpoints_allow_http() {
        assert!(is_loopback("http://127.0.0.1:9000"));
        assert!(is_loopback("http://localhost:9000"));
        assert!(is_loopback("http://[::1]:9000"));
        assert!(!is_loopback("http://10.0.0.1:9000"));
    }

    #[test]
    fn local_ranges_are_clamped_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"hello world").unwrap();
        let meta = std::fs::metadata(&p).unwrap();
        let blob = Blob::local(p, "a.txt".into(), &meta);
        assert_eq!(&blob.read_range(6..100).unwrap()[..], b"world");
        assert_eq!(blob.bytes_read(), 5);
    }
}
