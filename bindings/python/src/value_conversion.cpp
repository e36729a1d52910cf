#include "value_conversion.hpp"

#include <cmath>

#include "core/error.hpp"

namespace py = pybind11;

namespace libstore::python {

namespace {

// As deep as the C ABI's JSON parser (jansson) goes; deeper input would only exhaust the stack.
constexpr int kMaxDepth = 2048;

std::string member_path(const std::string &path, const std::string &key) {
    return path.empty() ? key : path + "." + key;
}

// A str as UTF-8. Python strings may hold lone surrogates ("\ud800" from JSON), which have no
// UTF-8 form: that is bad input, not an internal error.
std::string utf8_of(py::handle text, const std::string &path) {
    Py_ssize_t size = 0;
    const char *data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
    if (data == nullptr) {
        PyErr_Clear();
        throw_invalid(path, "text must be valid Unicode (it holds a lone surrogate)");
    }
    return std::string(data, static_cast<std::size_t>(size));
}

Value convert(py::handle object, const std::string &path, int depth);

}  // namespace

Value to_value(py::handle object, const std::string &path) {
    return convert(object, path, 0);
}

namespace {

Value convert(py::handle object, const std::string &path, int depth) {
    if (depth > kMaxDepth) {
        throw_invalid(path, "value is nested more than " + std::to_string(kMaxDepth) + " deep");
    }
    if (object.is_none()) {
        return Value(nullptr);
    }
    if (py::isinstance<py::bool_>(object)) {
        return Value(object.cast<bool>());
    }
    if (py::isinstance<py::int_>(object)) {
        try {
            return Value(object.cast<std::int64_t>());
        } catch (const py::cast_error &) {
            throw_invalid(path, "integer out of range");
        }
    }
    if (py::isinstance<py::float_>(object)) {
        double number = object.cast<double>();
        if (!std::isfinite(number)) {
            throw_invalid(path, "number must be finite");
        }
        return Value(number);
    }
    if (py::isinstance<py::str>(object)) {
        return Value(utf8_of(object, path));
    }
    if (py::isinstance<py::dict>(object)) {
        Value result = Value::object();
        for (auto item : object.cast<py::dict>()) {
            if (!py::isinstance<py::str>(item.first)) {
                throw_invalid(path, "object keys must be strings");
            }
            auto key = utf8_of(item.first, path);
            result.as_object().emplace_back(
                key, convert(item.second, member_path(path, key), depth + 1));
        }
        return result;
    }
    if (py::isinstance<py::list>(object) || py::isinstance<py::tuple>(object)) {
        Value result = Value::array();
        std::size_t index = 0;
        for (auto item : object) {
            result.push_back(convert(item, path + "[" + std::to_string(index++) + "]", depth + 1));
        }
        return result;
    }
    throw_invalid(path, std::string("unsupported type ") +
                            py::str(py::type::of(object).attr("__name__")).cast<std::string>());
}

}  // namespace

py::object from_value(const Value &value) {
    switch (value.type()) {
        case Value::Type::null:
            return py::none();
        case Value::Type::boolean:
            return py::bool_(value.as_bool());
        case Value::Type::integer:
            return py::int_(value.as_integer());
        case Value::Type::real:
            return py::float_(value.as_real());
        case Value::Type::string:
            return py::str(value.as_string());
        case Value::Type::array: {
            py::list list;
            for (const auto &item : value.as_array()) {
                list.append(from_value(item));
            }
            return std::move(list);
        }
        case Value::Type::object: {
            py::dict dict;
            for (const auto &[key, member] : value.as_object()) {
                dict[py::str(key)] = from_value(member);
            }
            return std::move(dict);
        }
    }
    return py::none();
}

}  // namespace libstore::python
