//! The extraction contract of `../shared/SCHEMA.md`: entity types, predicates and the JSON
//! document the extractor prints. Plain data shared by every stage after reading.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    Person,
    Organisation,
    Place,
    Initiative,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Organisation,
        EntityType::Place,
        EntityType::Initiative,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Organisation => "Organisation",
            EntityType::Place => "Place",
            EntityType::Initiative => "Initiative",
        }
    }

    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Predicate {
    Leads,
    MemberOf,
    Represents,
    Proposes,
    LocatedIn,
}

impl Predicate {
    pub const ALL: [Predicate; 5] = [
        Predicate::Leads,
        Predicate::MemberOf,
        Predicate::Represents,
        Predicate::Proposes,
        Predicate::LocatedIn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Predicate::Leads => "leads",
            Predicate::MemberOf => "memberOf",
            Predicate::Represents => "represents",
            Predicate::Proposes => "proposes",
            Predicate::LocatedIn => "locatedIn",
        }
    }

    pub fn parse(s: &str) -> Option<Predicate> {
        Predicate::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Predicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Character offsets (Unicode scalar values, end exclusive) into the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub mentions: Vec<Span>,
    /// Administrative division code, for places the gazetteer resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub subject: String,
    pub predicate: Predicate,
    pub object: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Span>,
    #[serde(default = "one")]
    pub confidence: f32,
}

fn one() -> f32 {
    1.0
}

/// The article's metadata as the SCHEMA prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub editors: Vec<String>,
}

/// One article's extraction: the JSON document of the SCHEMA.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub article: ArticleMeta,
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
}

impl Extraction {
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }
}
