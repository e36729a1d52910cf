#include "images_binding.hpp"

#include <string>

namespace py = pybind11;

namespace libstore::python {

namespace {

// A copy of any bytes-like object, taken with the GIL held: a bytearray could change under a
// call that runs without it.
std::string bytes_of(const py::object &data) {
    if (py::isinstance<py::bytes>(data)) {
        return data.cast<std::string>();
    }
    if (!PyObject_CheckBuffer(data.ptr())) {
        throw py::type_error("data must be bytes (or another bytes-like object)");
    }
    py::buffer_info info = data.cast<py::buffer>().request();
    if (info.ndim != 1 || info.itemsize != 1 || info.strides[0] != 1) {
        throw py::type_error("data must be a contiguous buffer of bytes");
    }
    return std::string(static_cast<const char *>(info.ptr), static_cast<std::size_t>(info.size));
}

}  // namespace

void bind_images(StoreClass &store_class, SessionClass &session_class) {
    store_class.def(
        "get_image",
        [](Store &store, const std::string &image_id) {
            StoredImage image = without_gil([&] { return store.images().get(image_id); });
            py::dict result = from_value(image_file_value(image.file));
            result["data"] = py::bytes(image.data);
            return result;
        },
        py::arg("image_id"),
        R"doc(get_image(image_id) -> {id, content_type, bytes, sha256, data}. Public. data is the
image's bytes; sha256 (hex) their digest, a strong ETag. NotFoundError for unknown or malformed
ids.)doc");

    session_class
        .def(
            "add_product_image",
            [](PythonSession &self, const std::string &product_id, const py::object &data,
               const std::string &content_type) {
                std::string bytes = bytes_of(data);
                return from_value(without_gil([&] {
                    return self.store->images().add(self.session, product_id, content_type, bytes);
                }));
            },
            py::arg("product_id"), py::arg("data"), py::arg("content_type"),
            R"doc(Catalog managers: add_product_image(product_id, data, content_type) ->
{id, url, content_type, bytes, sha256}.

content_type: image/png, image/jpeg, image/webp or image/gif; data: the whole file, at most
5 MiB (PayloadTooLargeError above). Bytes that are not a whole file of that
type raise ValidationError (field "content_type" for another or unknown type, "image" for empty
or truncated data). The product lists the image (product["images"]), in upload order.)doc")
        .def(
            "delete_product_image",
            [](PythonSession &self, const std::string &product_id, const std::string &image_id) {
                without_gil(
                    [&] { self.store->images().remove(self.session, product_id, image_id); });
            },
            py::arg("product_id"), py::arg("image_id"),
            R"doc(Catalog managers: delete_product_image(product_id, image_id). NotFoundError unless
the product lists that image.)doc");
}

}  // namespace libstore::python
