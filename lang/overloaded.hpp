// `std::visit(overloaded{[](const a&) {...}, [](const b&) {...}}, v)`: one lambda per alternative,
// so an alternative added to the variant is a compile error wherever it is not handled.
#pragma once

namespace rubric {

template <class... Handlers>
struct overloaded : Handlers... {
  using Handlers::operator()...;
};
template <class... Handlers>
overloaded(Handlers...) -> overloaded<Handlers...>;

}  // namespace rubric
