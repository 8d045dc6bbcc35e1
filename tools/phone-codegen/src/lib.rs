//! Generates `core/src/normalize/phone_data.rs`: the compact tables pancake-core's phone
//! normaliser matches with a small regex engine, compiled from libphonenumber's metadata as the
//! `phonenumber` crate loads it (so both read exactly the same patterns and lengths).
//!
//! Only what `normalize_phone` needs is kept: per region its country code, international
//! dialling prefix, national prefix (plus the pattern and transform rule used to strip it),
//! leading digits, the general description and the descriptions of every number type that
//! makes a number valid (possible lengths as bit masks). Formats, examples, short codes and
//! carrier data are left out.

use std::collections::BTreeMap;
use std::fmt::Write;

use phonenumber::metadata::{Descriptor, DATABASE};
use phonenumber::Metadata;

/// Where the generated file lives, relative to the workspace root.
pub const OUTPUT: &str = "core/src/normalize/phone_data.rs";

/// A pattern as the `phonenumber` crate compiles it (ignoring whitespace), without whitespace.
fn clean(pattern: &str) -> String {
    assert!(
        !pattern.contains('#'),
        "pattern {pattern:?} has a comment, which the tables do not support"
    );
    pattern.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Possible lengths as a bit mask (bit n set: length n is possible; 0: no constraint).
fn mask(lengths: &[u16]) -> u32 {
    lengths.iter().fold(0, |m, &l| {
        assert!(l < 32, "length {l} does not fit the mask");
        m | 1 << l
    })
}

#[derive(Default)]
struct Pool {
    patterns: Vec<String>,
    index: BTreeMap<String, usize>,
}

impl Pool {
    fn add(&mut self, pattern: &str) -> usize {
        let pattern = clean(pattern);
        let next = self.patterns.len();
        *self.index.entry(pattern.clone()).or_insert_with(|| {
            self.patterns.push(pattern);
            next
        })
    }

    fn desc(&mut self, d: &Descriptor) -> String {
        format!(
            "D({}, {:#x})",
            self.add(d.national_number().as_str()),
            mask(d.possible_length())
        )
    }
}

fn opt_str(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_owned(), |s| format!("Some({s:?})"))
}

/// The whole generated source file.
pub fn generate() -> String {
    // `DATABASE.iter()` holds one non-geographic entity only (they share the id `001`): list
    // every country code's metadata instead.
    let mut metas: Vec<&Metadata> = (1..1000)
        .flat_map(|code: u16| DATABASE.by_code(&code).unwrap_or_default())
        .collect();
    metas.sort_by(|a, b| (a.id(), a.country_code()).cmp(&(b.id(), b.country_code())));
    let position = |m: &Metadata| {
        metas
            .iter()
            .position(|x| x.id() == m.id() && x.country_code() == m.country_code())
            .expect("known region")
    };

    for m in &metas {
        assert!(
            m.id() == "001" || m.id().parse::<phonenumber::country::Id>().is_ok(),
            "region {} is not a country::Id: the tables would need a flag for it",
            m.id()
        );
    }
    let mut pool = Pool::default();
    let mut regions = String::new();
    for m in &metas {
        let d = m.descriptors();
        let types: Vec<String> = [
            d.premium_rate(),
            d.toll_free(),
            d.shared_cost(),
            d.voip(),
            d.personal_number(),
            d.pager(),
            d.uan(),
            d.voicemail(),
            d.fixed_line(),
            d.mobile(),
        ]
        .into_iter()
        .flatten()
        .map(|t| pool.desc(t))
        .collect();
        let general = pool.desc(d.general());
        let opt_pat = |pool: &mut Pool, p: Option<&str>| {
            p.map_or_else(|| "None".to_owned(), |p| format!("Some({})", pool.add(p)))
        };
        let idd = opt_pat(&mut pool, m.international_prefix().map(|r| r.as_str()));
        let npp = opt_pat(
            &mut pool,
            m.national_prefix_for_parsing().map(|r| r.as_str()),
        );
        let leading = opt_pat(&mut pool, m.leading_digits().map(|r| r.as_str()));
        writeln!(
            regions,
            "    R {{ id: {:?}, code: {}, idd: {idd}, np: {}, npp: {npp}, transform: {}, \
             leading: {leading}, general: {general}, local: {:#x}, types: &[{}] }},",
            m.id(),
            m.country_code(),
            opt_str(m.national_prefix()),
            opt_str(m.national_prefix_transform_rule()),
            mask(d.general().possible_local_length()),
            types.join(", "),
        )
        .unwrap();
    }

    let mut codes: BTreeMap<u16, Vec<usize>> = BTreeMap::new();
    for m in &metas {
        codes.entry(m.country_code()).or_insert_with(|| {
            DATABASE
                .by_code(&m.country_code())
                .expect("code of a region")
                .into_iter()
                .map(position)
                .collect()
        });
    }

    let mut out = String::new();
    out.push_str(
        "//! libphonenumber's metadata as compact tables. GENERATED by `cargo run -p \
         phone-codegen` from\n//! the metadata the `phonenumber` crate ships: do not edit by \
         hand.\n\n",
    );
    out.push_str("use super::{Region as R, D};\n\n");
    out.push_str(
        "/// Every pattern, whitespace removed; the tables refer to them by index.\n\
         pub(super) static PATTERNS: &[&str] = &[\n",
    );
    for p in &pool.patterns {
        writeln!(out, "    {p:?},").unwrap();
    }
    out.push_str("];\n\n");
    out.push_str(
        "/// Every region (and non-geographic entity `001`), sorted by id then country code.\n\
         pub(super) static REGIONS: &[R] = &[\n",
    );
    out.push_str(&regions);
    out.push_str("];\n\n");
    out.push_str(
        "/// Country code to the regions that share it (indices into `REGIONS`), main region \
         first,\n/// in libphonenumber's order.\npub(super) static CODES: &[(u16, &[u16])] = &[\n",
    );
    for (code, list) in &codes {
        let list: Vec<String> = list.iter().map(ToString::to_string).collect();
        writeln!(out, "    ({code}, &[{}]),", list.join(", ")).unwrap();
    }
    out.push_str("];\n");
    out
}
