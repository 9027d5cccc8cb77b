# Writes the manual page rubric.1 with help2man from `rubric --help` and `rubric --version`, with
# a COMMANDS section holding each subcommand's own --help, so the page says exactly what the
# command says.
#   cmake -DRUBRIC=... -DHELP2MAN=... -DOUTPUT=... -P man.cmake
# The page is the English one, whatever the locale of the machine that builds it (rubric speaks
# Chinese when LANG starts with zh, and this script reads its English section names).
set(ENV{LC_ALL} C)
execute_process(COMMAND ${RUBRIC} --help OUTPUT_VARIABLE help RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "`${RUBRIC} --help` failed")
endif()
# The subcommands are the indented words of the help's Subcommands section.
string(REGEX REPLACE ".*\nSubcommands:\n" "" listed "${help}")
string(REGEX MATCHALL "(^|\n)  [a-z]+ " words "${listed}")
set(commands_section "[COMMANDS]\n")
foreach(word IN LISTS words)
  string(STRIP "${word}" command)
  execute_process(COMMAND ${RUBRIC} ${command} --help OUTPUT_VARIABLE text RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "`${RUBRIC} ${command} --help` failed")
  endif()
  # roff: a backslash is \e, and a line may not begin with a control character.
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  string(APPEND commands_section ".SS \"rubric ${command}\"\n.nf\n${text}.fi\n")
endforeach()
get_filename_component(dir "${OUTPUT}" DIRECTORY)
file(WRITE "${dir}/rubric.h2m" "${commands_section}[SEE ALSO]\nThe documents in /usr/share/doc/rubric (or PREFIX/share/doc/rubric): language.md, output.md,\nevents.md, template.md, publish.md, archive.md, diagnostics.md, council-guide.md.\n")
execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=1
                        "--name=check community rubrics and score recorded events against them"
                        --include=${dir}/rubric.h2m --output=${OUTPUT} ${RUBRIC}
                RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "help2man failed for ${RUBRIC}")
endif()
