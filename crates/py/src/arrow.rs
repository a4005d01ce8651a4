//! Arrow's `PyCapsule` interface (`__arrow_c_stream__`) both ways, over arrow-rs's C stream:
//! Arrow data crosses into and out of Python batch by batch, without a Python Arrow library on
//! this side and without the casts and kernels of a full Arrow binding in the extension.

use std::ffi::CStr;

use arrow_array::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::{RecordBatch, RecordBatchIterator};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// The capsule name the interface gives an `ArrowArrayStream`.
const STREAM_CAPSULE: &CStr = c"arrow_array_stream";

/// The batches of any object with `__arrow_c_stream__` (a pyarrow table or reader, a polars or
/// pandas frame, a `DuckDB` relation, an ADBC cursor's record batch reader), read one at a time.
pub(crate) fn stream(obj: &Bound<'_, PyAny>) -> PyResult<ArrowArrayStreamReader> {
    let method = intern!(obj.py(), "__arrow_c_stream__");
    if !obj.hasattr(method)? {
        return Err(PyTypeError::new_err(format!(
            "expected Arrow data (an object with __arrow_c_stream__: a pyarrow table, a polars or pandas \
             frame, a DuckDB relation), got {}",
            obj.get_type().name()?
        )));
    }
    let capsule = obj.call_method0(method)?.cast_into::<PyCapsule>()?;
    let pointer = capsule.pointer_checked(Some(STREAM_CAPSULE))?.cast::<FFI_ArrowArrayStream>();
    // SAFETY: a capsule named "arrow_array_stream" holds an `ArrowArrayStream` (the interface's
    // contract, checked by name above); `from_raw` moves the stream out and leaves a released one
    // behind for the capsule's destructor, so it is released exactly once.
    #[allow(unsafe_code)]
    let reader = unsafe { ArrowArrayStreamReader::from_raw(pointer.as_ptr()) };
    reader.map_err(|e| unreadable(&e))
}

/// Every batch of any object with `__arrow_c_stream__`.
pub(crate) fn batches(obj: &Bound<'_, PyAny>) -> PyResult<Vec<RecordBatch>> {
    stream(obj)?.collect::<Result<_, _>>().map_err(|e| unreadable(&e))
}

/// A failed read of an Arrow stream, as Python sees it.
fn unreadable(e: &arrow_schema::ArrowError) -> PyErr {
    PyValueError::new_err(format!("the Arrow stream could not be read: {e}"))
}

/// Arrow data held by the library, for any `__arrow_c_stream__` consumer: `pyarrow.table(t)`,
/// `polars.DataFrame(t)`, `duckdb.from_arrow(t)`.
#[pyclass(name = "ArrowTable", module = "webinar_analytics", frozen)]
pub(crate) struct ArrowTable(RecordBatch);

impl ArrowTable {
    /// One batch as a table.
    pub(crate) fn new(batch: RecordBatch) -> Self {
        ArrowTable(batch)
    }

    /// As a pyarrow `Table` (pyarrow imported here, on first use).
    pub(crate) fn into_pyarrow(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        py.import(intern!(py, "pyarrow"))?.call_method1(intern!(py, "table"), (self,))
    }
}

#[pymethods]
impl ArrowTable {
    /// The data as an `ArrowArrayStream` capsule. A requested schema is not applied: the data
    /// comes in its own schema, as the interface allows.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let batches = RecordBatchIterator::new([Ok(self.0.clone())], self.0.schema());
        let stream = FFI_ArrowArrayStream::new(Box::new(batches));
        PyCapsule::new_with_value(py, stream, STREAM_CAPSULE)
    }

    /// The number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.0.num_rows()
    }

    /// The columns' names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.0.schema().fields().iter().map(|f| f.name().clone()).collect()
    }

    /// As a pyarrow `Table`.
    fn to_pyarrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ArrowTable(self.0.clone()).into_pyarrow(py)
    }

    fn __len__(&self) -> usize {
        self.num_rows()
    }

    fn __repr__(&self) -> String {
        format!("ArrowTable(rows={}, columns={:?})", self.num_rows(), self.column_names())
    }
}
