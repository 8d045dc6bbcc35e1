//! Core errors to Python exceptions. The exception classes live in `pancake_api/errors.py`
//! (so they carry docstrings and typed attributes); this file only hands over the fields.

use pancake_core::Error;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Converts a core error to the matching `pancake_api.errors` exception.
pub fn to_py(py: Python<'_>, err: &Error) -> PyErr {
    match build(py, err) {
        Ok(e) => e,
        Err(e) => e,
    }
}

fn build(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    let d = PyDict::new(py);
    d.set_item("kind", err.kind())?;
    d.set_item("message", err.to_string())?;
    d.set_item("status", err.status())?;
    d.set_item("code", err.code())?;
    match err {
        Error::InvalidRequest { field, reason } => {
            d.set_item("field", field)?;
            d.set_item("reason", reason)?;
        }
        Error::Api(api) => {
            d.set_item("api_message", &api.message)?;
            d.set_item("body", &api.body)?;
            d.set_item("retry_after_ms", api.retry_after_ms)?;
        }
        Error::Decode { body_snippet, .. } => d.set_item("body", body_snippet)?,
        Error::Connection { before_send, .. } => d.set_item("before_send", before_send)?,
        _ => {}
    }
    let exc = py
        .import("pancake_api.errors")?
        .getattr("_from_native")?
        .call1((d,))?;
    Ok(PyErr::from_value(exc))
}
