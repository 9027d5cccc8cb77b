# Writes site.css into a C++ source file as one raw string literal: style_sheet() returns it.
file(READ ${INPUT} css)
if(css MATCHES "\\)rubric_css\"")
  message(FATAL_ERROR "${INPUT} contains the raw string's end marker")
endif()
file(WRITE ${OUTPUT} "// Made from engine/publish/site.css by embed_style.cmake: edit that file.\n"
  "#include \"engine/publish/site.hpp\"\n\n"
  "namespace rubric::engine::publish {\n\n"
  "std::string_view style_sheet() {\n  return R\"rubric_css(${css})rubric_css\";\n}\n\n"
  "}  // namespace rubric::engine::publish\n")
