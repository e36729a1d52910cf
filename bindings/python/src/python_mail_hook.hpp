// A Python callable as the core's MailHook: Store(..., mail=callable) is called with each
// message as a dict, on the thread of the call that made it.
#pragma once

#include <pybind11/pybind11.h>

#include "core/ports/mail_hook.hpp"

namespace libstore::python {

class PythonMailHook final : public MailHook {
  public:
    explicit PythonMailHook(pybind11::object callable) : callable_(std::move(callable)) {}
    // The store may be released without the GIL (a failed open runs without it).
    ~PythonMailHook() override;
    PythonMailHook(const PythonMailHook &) = delete;
    PythonMailHook &operator=(const PythonMailHook &) = delete;

    // Takes the GIL (core calls run without it). An exception the callable raises is printed
    // with its traceback to stderr and goes no further: it must not change the answer.
    void send(const Value &message) override;

  private:
    pybind11::object callable_;
};

}  // namespace libstore::python
