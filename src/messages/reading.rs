//! Reading the exports and what is found in them (src/read/, src/inputs/, src/compute/): files that cannot be read, notes about what was read.

pub const MESSAGES: &[(&str, &str, &str)] = &[];
