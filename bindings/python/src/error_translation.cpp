#include "error_translation.hpp"

#include "core/error.hpp"
#include "value_conversion.hpp"

namespace py = pybind11;

namespace libstore::python {

namespace {

const char *exception_class_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument:
            return "ValidationError";
        case ErrorCode::unauthenticated:
            return "UnauthenticatedError";
        case ErrorCode::forbidden:
            return "ForbiddenError";
        case ErrorCode::not_found:
            return "NotFoundError";
        case ErrorCode::conflict:
            return "ConflictError";
        case ErrorCode::rate_limited:
            return "RateLimitedError";
        case ErrorCode::unavailable:
            return "UnavailableError";
        case ErrorCode::too_large:
            return "PayloadTooLargeError";
        case ErrorCode::internal:
            return "InternalError";
    }
    return "InternalError";
}

}  // namespace

void register_error_translation(py::module_ &) {
    py::register_exception_translator([](std::exception_ptr pointer) {
        if (!pointer) {
            return;
        }
        try {
            std::rethrow_exception(pointer);
        } catch (const Error &error) {
            auto errors = py::module_::import("libstore.errors");
            py::object field =
                error.field().empty() ? py::object(py::none()) : py::object(py::str(error.field()));
            py::object exception = errors.attr(exception_class_name(error.code()))(
                py::str(error.what()), py::arg("code") = error_code_name(error.code()),
                py::arg("field") = field, py::arg("retry_after") = error.retry_after_seconds(),
                py::arg("details") = from_value(error.details()));
            PyErr_SetObject(py::type::handle_of(exception).ptr(), exception.ptr());
        }
    });
}

}  // namespace libstore::python
