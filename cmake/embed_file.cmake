# smp_embed_files(<target> NAMESPACE <ns> [STRIP_LINE_COMMENTS] FILES <symbol> <path> [<symbol> <path> ...])
#
# Compiles files into the program as `const unsigned char <symbol>[]` plus `<symbol>Size`, in
# namespace <ns>. The C++ source is generated at build time and regenerated when a file changes.
# Works the same for native and WebAssembly builds (no assembler tricks, no xxd).
# STRIP_LINE_COMMENTS (shaders): "// ..." to the end of each line is left out, the line breaks
# kept, so a compiler's line numbers still match the file; the comments are for people, and in
# the browser every byte of the program is downloaded.

set(_SMP_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_FILE}")

if(CMAKE_SCRIPT_MODE_FILE)
  # Script mode: cmake -DSYMBOL=... -DNAMESPACE=... -DINPUT=... -DOUTPUT=... -P embed_file.cmake
  if(STRIP_LINE_COMMENTS)
    file(READ "${INPUT}" _text)
    string(REGEX REPLACE "[ \t]*//[^\n]*" "" _text "${_text}")
    file(WRITE "${OUTPUT}.text" "${_text}")
    file(READ "${OUTPUT}.text" _hex HEX)
    file(REMOVE "${OUTPUT}.text")
  else()
    file(READ "${INPUT}" _hex HEX)
  endif()
  string(LENGTH "${_hex}" _hex_length)
  math(EXPR _size "${_hex_length} / 2")
  # 32 bytes per line keeps the generated file readable in a diff tool and quick to compile.
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _bytes "${_hex}")
  string(REGEX REPLACE "((0x..,){32})" "\\1\n" _bytes "${_bytes}")
  file(WRITE "${OUTPUT}.tmp"
    "// Generated from ${INPUT} by cmake/embed_file.cmake. Do not edit.\n"
    "#include <cstddef>\n"
    "namespace ${NAMESPACE} {\n"
    "extern const unsigned char ${SYMBOL}[];\n"
    "extern const std::size_t ${SYMBOL}Size;\n"
    "alignas(16) const unsigned char ${SYMBOL}[] = {\n${_bytes}\n};\n"
    "const std::size_t ${SYMBOL}Size = ${_size};\n"
    "}\n")
  file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
  return()
endif()

function(smp_embed_files target)
  cmake_parse_arguments(PARSE_ARGV 1 EMBED "STRIP_LINE_COMMENTS" "NAMESPACE" "FILES")
  set(_sources)
  list(LENGTH EMBED_FILES _count)
  math(EXPR _last "${_count} - 1")
  foreach(_i RANGE 0 ${_last} 2)
    math(EXPR _j "${_i} + 1")
    list(GET EMBED_FILES ${_i} _symbol)
    list(GET EMBED_FILES ${_j} _path)
    get_source_file_property(_generated "${_path}" GENERATED)
    if(NOT EXISTS "${_path}" AND NOT _generated)   # an output of a custom command is made later
      message(FATAL_ERROR "embedded file ${_path} missing: run tools/setup.sh")
    endif()
    set(_out "${CMAKE_CURRENT_BINARY_DIR}/embedded/${_symbol}.cpp")
    add_custom_command(
      OUTPUT "${_out}"
      COMMAND "${CMAKE_COMMAND}" -DSYMBOL=${_symbol} -DNAMESPACE=${EMBED_NAMESPACE}
              -DSTRIP_LINE_COMMENTS=${EMBED_STRIP_LINE_COMMENTS}
              -DINPUT=${_path} -DOUTPUT=${_out} -P "${_SMP_EMBED_SCRIPT}"
      DEPENDS "${_path}" "${_SMP_EMBED_SCRIPT}"
      COMMENT "Embedding ${_path}"
      VERBATIM)
    list(APPEND _sources "${_out}")
  endforeach()
  add_library(${target} STATIC ${_sources})
endfunction()
