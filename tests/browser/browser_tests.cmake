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

# The published site at 375 px and A4: layout (lang, no sideways scroll, table headers), scripts
# (none in the pages, none that ran, hostile ids and labels shown as text) and content (the
# bulletin, the year page and unit pages against `rubric score --format json`).
foreach(case IN ITEMS nanguo-zh lanting-en hostile)
  foreach(aspect IN ITEMS layout scripts content)
    browser_test("published site ${case}, ${aspect}"
                 ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/browser/site_pages.py $<TARGET_FILE:rubric> ${case}
                 ${browser_out}/site-${case}-${aspect} --aspect ${aspect})
  endforeach()
endforeach()

# rubric publish --pdf: the bulletin on A4 paper, read back with poppler-utils.
foreach(case IN ITEMS example 60-units 150-units year no-browser)
  browser_test("publish --pdf, ${case}"
               ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/browser/pdf_pages.py $<TARGET_FILE:rubric> ${case}
               ${browser_out}/pdf-${case})
endforeach()
set_tests_properties(${browser_tests} PROPERTIES RESOURCE_LOCK chromium TIMEOUT 600)
