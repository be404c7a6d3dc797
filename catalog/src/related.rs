//! Related fields: fields that share values (`orders.customer_email` ↔ `users.email`),
//! estimated from keyed fingerprint sketches alone — the catalog never sees a value.
//!
//! Each finding keeps a bottom-k sketch (the k smallest keyed fingerprints of its sampled
//! values). Candidates are the findings that share one of the smallest fingerprints (the
//! `finding_fingerprints` table, brought up to date in batches by [`refresh_candidates`]:
//! an index keyed by random fingerprints costs a page write per row per transaction, so it is
//! written many findings at a time, not asset by asset); for each candidate, the overlap is
//! estimated on the fingerprints both
//! sketches cover: below τ = the smaller of the two sketches' largest fingerprints, each
//! sketch holds *every* fingerprint of its field, so the share of one side found in the other
//! is an unbiased estimate of the share of values the fields have in common.

use crate::error::Result;
use crate::ingest::sketch_values;
use crate::model::{FieldId, RelatedField};
use crate::store::{BATCH_ROWS, Backend, Conn, Store, param_list, values_list};
use std::collections::{BTreeSet, HashMap};

/// Related fields with an estimated overlap below this are not reported.
pub const MIN_OVERLAP: f64 = 0.05;

/// Fingerprints of a sketch written to the candidate table (the smallest ones): enough for two
/// fields sharing a tenth of their values to share a candidate most of the time. The full
/// sketch stays on the finding for the estimate itself.
pub const CANDIDATE_FINGERPRINTS: usize = 16;

/// Findings whose candidates are rewritten per transaction.
const REFRESH_BATCH: usize = 5_000;

/// The candidate-table keys of a sketch: its smallest fingerprints, bit-cast to i64.
fn candidate_keys(sketch: &[u8]) -> Vec<i64> {
    sketch_values(sketch)
        .into_iter()
        .take(CANDIDATE_FINGERPRINTS)
        .map(|f| i64::from_ne_bytes(f.to_ne_bytes()))
        .collect()
}

/// Brings `finding_fingerprints` up to date with every sketch marked stale by ingest;
/// returns the findings refreshed. Each batch is one transaction, so a crash loses nothing:
/// what is not done stays marked.
#[tracing::instrument(skip_all)]
pub(crate) async fn refresh_candidates(store: &Store) -> Result<usize> {
    let mut total = 0;
    loop {
        let done = store
            .write(async |c| {
                // PostgreSQL: lock the rows, so a concurrent ingest cannot change a sketch
                // between reading it here and marking it done.
                let lock = match c.backend() {
                    Backend::Postgres => " FOR UPDATE",
                    Backend::Sqlite => "",
                };
                let rows = c
                    .fetch_all(c.q(format!(
                        "SELECT id, sketch, candidates FROM findings WHERE candidates_stale = true \
                         ORDER BY id LIMIT {REFRESH_BATCH}{lock}"
                    )))
                    .await?;
                let mut ids = Vec::with_capacity(rows.len());
                let mut inserts: Vec<(i64, i64)> = Vec::new();
                for r in &rows {
                    let id: i64 = r.get(0)?;
                    let new = r.get::<Option<Vec<u8>>>(1)?.map(|s| candidate_keys(&s)).unwrap_or_default();
                    let old = r.get::<Option<Vec<u8>>>(2)?.map(|s| candidate_keys(&s)).unwrap_or_default();
                    ids.push(id);
                    let gone: Vec<i64> = old.iter().filter(|k| !new.contains(k)).copied().collect();
                    if !gone.is_empty() {
                        let sql = format!(
                            "DELETE FROM finding_fingerprints WHERE finding_id = $1 AND fingerprint IN ({})",
                            param_list(2, gone.len())
                        );
                        let mut q = c.q(sql).bind(id);
                        for k in gone {
                            q = q.bind(k);
                        }
                        c.execute(q).await?;
                    }
                    inserts.extend(new.iter().filter(|k| !old.contains(k)).map(|k| (*k, id)));
                }
                // In key order, each page of the table is written once per batch.
                inserts.sort_unstable();
                for chunk in inserts.chunks(BATCH_ROWS * 2) {
                    let sql = format!(
                        "INSERT INTO finding_fingerprints (fingerprint, finding_id) VALUES {} ON CONFLICT DO NOTHING",
                        values_list(chunk.len(), 2)
                    );
                    let mut q = c.q(sql);
                    for (k, id) in chunk {
                        q = q.bind(*k).bind(*id);
                    }
                    c.execute(q).await?;
                }
                for chunk in ids.chunks(BATCH_ROWS) {
                    let sql = format!(
                        "UPDATE findings SET candidates = substr(sketch, 1, {}), candidates_stale = false \
                         WHERE id IN ({})",
                        CANDIDATE_FINGERPRINTS * 8,
                        param_list(1, chunk.len())
                    );
                    let mut q = c.q(sql);
                    for id in chunk {
                        q = q.bind(*id);
                    }
                    c.execute(q).await?;
                }
                Ok(rows.len())
            })
            .await?;
        total += done;
        if done < REFRESH_BATCH {
            return Ok(total);
        }
    }
}

/// Fields sharing values with `field`, highest overlap first.
#[tracing::instrument(skip_all)]
pub(crate) async fn related_fields(c: &mut Conn<'_>, field: FieldId) -> Result<Vec<RelatedField>> {
    let own = c
        .fetch_all(
            c.q(
                "SELECT id, class_id, sketch FROM findings WHERE field_id = $1 \
                 AND resolved_at IS NULL AND sketch IS NOT NULL",
            )
            .bind(field.0),
        )
        .await?;
    let mut own_sketches: Vec<(i64, String, Vec<u64>)> = Vec::with_capacity(own.len());
    for r in own {
        let sketch: Vec<u8> = r.get(2)?;
        own_sketches.push((r.get(0)?, r.get(1)?, sketch_values(&sketch)));
    }
    let own_ids: BTreeSet<i64> = own_sketches.iter().map(|(id, _, _)| *id).collect();

    let mut best: HashMap<(i64, String), RelatedField> = HashMap::new();
    for (_, via_class, sketch) in &own_sketches {
        let keys: Vec<i64> = sketch
            .iter()
            .take(CANDIDATE_FINGERPRINTS)
            .map(|f| i64::from_ne_bytes(f.to_ne_bytes()))
            .collect();
        if keys.is_empty() {
            continue;
        }
        let sql = format!(
            "SELECT DISTINCT finding_id FROM finding_fingerprints WHERE fingerprint IN ({})",
            param_list(1, keys.len())
        );
        let mut q = c.q(sql);
        for k in &keys {
            q = q.bind(*k);
        }
        let candidates: Vec<i64> = c
            .fetch_all(q)
            .await?
            .iter()
            .map(|r| r.get::<i64>(0))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .filter(|id| !own_ids.contains(id))
            .collect();
        for chunk in candidates.chunks(BATCH_ROWS) {
            let sql = format!(
                "SELECT f.class_id, f.sketch, d.id, d.path, a.location FROM findings f \
                 JOIN fields d ON d.id = f.field_id JOIN assets a ON a.id = d.asset_id \
                 WHERE f.id IN ({}) AND f.resolved_at IS NULL AND d.gone_at IS NULL \
                 AND f.sketch IS NOT NULL AND d.id <> ${}",
                param_list(1, chunk.len()),
                chunk.len() + 1
            );
            let mut q = c.q(sql);
            for id in chunk {
                q = q.bind(*id);
            }
            q = q.bind(field.0);
            for r in c.fetch_all(q).await? {
                let other: Vec<u8> = r.get(1)?;
                let other = sketch_values(&other);
                let Some(est) = estimate_overlap(sketch, &other) else {
                    continue;
                };
                if est.overlap < MIN_OVERLAP && est.reverse_overlap < MIN_OVERLAP {
                    continue;
                }
                let class: String = r.get(0)?;
                let other_field: i64 = r.get(2)?;
                let candidate = RelatedField {
                    field: FieldId(other_field),
                    asset: r.get(4)?,
                    path: r.get(3)?,
                    class: class.clone(),
                    via_class: via_class.clone(),
                    overlap: est.overlap,
                    reverse_overlap: est.reverse_overlap,
                    shared_fingerprints: est.shared,
                };
                let key = (other_field, class);
                let better = best.get(&key).is_none_or(|b| candidate.overlap > b.overlap);
                if better {
                    best.insert(key, candidate);
                }
            }
        }
    }
    let mut out: Vec<RelatedField> = best.into_values().collect();
    out.sort_by(|a, b| {
        b.overlap
            .total_cmp(&a.overlap)
            .then(b.shared_fingerprints.cmp(&a.shared_fingerprints))
            .then(a.asset.cmp(&b.asset))
            .then(a.path.cmp(&b.path))
    });
    Ok(out)
}

/// The overlap of two bottom-k sketches (sorted, distinct).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct OverlapEstimate {
    /// Share of A's values estimated to be in B.
    pub overlap: f64,
    /// Share of B's values estimated to be in A.
    pub reverse_overlap: f64,
    /// Fingerprints the sketches share.
    pub shared: usize,
}

/// Estimates the overlap of the fields behind two sorted bottom-k sketches; `None` when one
/// is empty.
pub(crate) fn estimate_overlap(a: &[u64], b: &[u64]) -> Option<OverlapEstimate> {
    let tau = (*a.last()?).min(*b.last()?);
    let a_cov = a.partition_point(|v| *v <= tau);
    let b_cov = b.partition_point(|v| *v <= tau);
    let shared_cov = count_common(&a[..a_cov], &b[..b_cov]);
    if a_cov == 0 || b_cov == 0 {
        return None;
    }
    Some(OverlapEstimate {
        overlap: shared_cov as f64 / a_cov as f64,
        reverse_overlap: shared_cov as f64 / b_cov as f64,
        shared: count_common(a, b),
    })
}

fn count_common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bottom_k(values: impl Iterator<Item = u64>, k: usize) -> Vec<u64> {
        let mut v: Vec<u64> = values
            .map(|x| x.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        v.sort_unstable();
        v.dedup();
        v.truncate(k);
        v
    }

    #[test]
    fn identical_sets_overlap_fully() {
        let a = bottom_k(0..1000, 64);
        let e = estimate_overlap(&a, &a).unwrap();
        assert_eq!(e.overlap, 1.0);
        assert_eq!(e.shared, 64);
    }

    #[test]
    fn a_subset_is_contained_in_its_superset() {
        // Orders reference a quarter of the users.
        let users = bottom_k(0..4000, 64);
        let orders = bottom_k(0..1000, 64);
        let e = estimate_overlap(&orders, &users).unwrap();
        assert!(e.overlap > 0.8, "{e:?}");
        assert!(e.reverse_overlap > 0.1 && e.reverse_overlap < 0.45, "{e:?}");
    }

    #[test]
    fn disjoint_sets_do_not_overlap() {
        let a = bottom_k(0..1000, 64);
        let b = bottom_k(5000..6000, 64);
        assert_eq!(estimate_overlap(&a, &b).unwrap().overlap, 0.0);
        assert!(estimate_overlap(&[], &b).is_none());
    }
}
