//! The class vocabulary as the catalog knows it: id -> name, category, sensitivity,
//! compliance. Stored in the catalog (`data_classes`) when a scan registers its engine's
//! classes, so search facets and `catalog show` work without building an engine. A class the
//! catalog was never told about still ingests; it simply has no category or sensitivity.

use crate::error::Result;
use crate::store::Conn;
use chrono::{DateTime, Utc};
use piicat_classifiers::{Category, Compliance, DataClass, Sensitivity};
use std::collections::HashMap;

/// What the catalog knows about one class.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ClassInfo {
    pub name: String,
    pub category: Option<Category>,
    pub sensitivity: Option<Sensitivity>,
    pub compliance: Vec<String>,
}

/// The known classes by id.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClassBook {
    by_id: HashMap<String, ClassInfo>,
}

impl ClassBook {
    pub(crate) fn get(&self, id: &str) -> Option<&ClassInfo> {
        self.by_id.get(id)
    }

    /// Loads every class the catalog has been told about.
    pub(crate) async fn load(c: &mut Conn<'_>) -> Result<ClassBook> {
        let rows = c
            .fetch_all(c.q("SELECT id, name, category, sensitivity, compliance FROM data_classes"))
            .await?;
        let mut by_id = HashMap::with_capacity(rows.len());
        for r in rows {
            let compliance: String = r.get(4)?;
            by_id.insert(
                r.get::<String>(0)?,
                ClassInfo {
                    name: r.get(1)?,
                    category: parse_category(&r.get::<String>(2)?),
                    sensitivity: r.get::<String>(3)?.parse().ok(),
                    compliance: serde_json::from_str(&compliance).unwrap_or_default(),
                },
            );
        }
        Ok(ClassBook { by_id })
    }
}

/// Stores (or refreshes) the given classes.
pub(crate) async fn register(
    c: &mut Conn<'_>,
    classes: &[DataClass],
    now: DateTime<Utc>,
) -> Result<()> {
    for class in classes {
        let compliance: Vec<&str> = class
            .compliance
            .iter()
            .map(|c| Compliance::as_str(*c))
            .collect();
        let q = c
            .q("INSERT INTO data_classes (id, name, category, sensitivity, compliance, description, updated_at) \
                VALUES ($1, $2, $3, $4, $5, $6, $7) \
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, category = excluded.category, \
                sensitivity = excluded.sensitivity, compliance = excluded.compliance, \
                description = excluded.description, updated_at = excluded.updated_at")
            .bind(class.id.clone())
            .bind(class.name.clone())
            .bind(class.category.as_str())
            .bind(class.sensitivity.as_str())
            .bind(serde_json::to_string(&compliance).unwrap_or_else(|_| "[]".into()))
            .bind(class.description.clone())
            .bind(now);
        c.execute(q).await?;
    }
    Ok(())
}

pub(crate) fn parse_category(s: &str) -> Option<Category> {
    Category::ALL.into_iter().find(|c| c.as_str() == s)
}
