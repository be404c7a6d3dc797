//! End-to-end tests of the `piicat` binary, run as a user would run it: real files, a real
//! data directory, the embedded SQLite catalog and the local PostgreSQL. One test binary (on
//! 2 cores, linking is test time), a module per concern.

mod crash;
mod keys;
mod privacy;
mod rescan;
mod support;
