# Tests in a real browser (Debian's headless `chromium`, installed by scripts/setup.sh): the
# published pages at phone width and A4, and the PDF of the bulletin. Included from
# tests/CMakeLists.txt. Screenshots and PDF pages are written under the build folder
# (build/tests/browser/) to be looked at. One browser at a time: each is heavy for two cores.
set(browser_out ${CMAKE_CURRENT_BINARY_DIR}/browser)
add_test(NAME "browser: the checks find a sideways scroll, a missing lang, a table without headers, a script that runs"
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/browser/harness_selftest.py ${browser_out}/selftest)
set(browser_tests "browser: the checks find a sideways scroll, a missing lang, a table without headers, a script that runs")
set_tests_properties(${browser_tests} PROPERTIES RESOURCE_LOCK chromium TIMEOUT 300)
