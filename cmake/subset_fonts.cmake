# smp_subset_font(<output> <font> <ranges_header>)
#
# Writes <output>: <font> cut down to the code points listed in <ranges_header> (src/ui/glyph_ranges.h,
# the pairs between its "BEGIN glyph ranges" and "END glyph ranges" lines) by fonttools' pyftsubset
# (Debian's `fonttools`). Hinting (ImGui's rasterizer ignores it), layout tables (ImGui does no
# shaping or kerning) and CFF subroutines (they save raw bytes but compress worse than plain
# charstrings) are dropped; the name table keeps the family names and the OFL notice. The output is
# the same bytes for the same inputs (no timestamp is written), and is rebuilt when the list changes.

set(_SMP_SUBSET_SCRIPT "${CMAKE_CURRENT_LIST_FILE}")

if(CMAKE_SCRIPT_MODE_FILE)
  # Script mode: cmake -DPYFTSUBSET=... -DFONT=... -DRANGES=... -DOUTPUT=... -P subset_fonts.cmake
  file(READ "${RANGES}" _header)
  string(REGEX MATCH "// BEGIN glyph ranges\n(.*)// END glyph ranges" _block "${_header}")
  if(NOT _block)
    message(FATAL_ERROR "${RANGES}: no \"// BEGIN glyph ranges\" ... \"// END glyph ranges\" block")
  endif()
  string(REGEX MATCHALL "0x[0-9A-Fa-f]+, *0x[0-9A-Fa-f]+" _pairs "${CMAKE_MATCH_1}")
  set(_unicodes)
  foreach(_pair ${_pairs})
    string(REGEX MATCH "0x([0-9A-Fa-f]+), *0x([0-9A-Fa-f]+)" _ "${_pair}")
    list(APPEND _unicodes "U+${CMAKE_MATCH_1}-${CMAKE_MATCH_2}")
  endforeach()
  list(JOIN _unicodes "," _unicodes)
  get_filename_component(_dir "${OUTPUT}" DIRECTORY)
  file(MAKE_DIRECTORY "${_dir}")
  execute_process(
    COMMAND "${PYFTSUBSET}" "${FONT}" "--unicodes=${_unicodes}" "--output-file=${OUTPUT}.tmp"
            --no-hinting --desubroutinize --layout-features= --drop-tables+=GDEF,GSUB,GPOS,STAT,DSIG
            --name-IDs=0,1,2,3,4,5,6,13,14
    RESULT_VARIABLE _status)
  if(NOT _status EQUAL 0)
    message(FATAL_ERROR "pyftsubset failed on ${FONT} (${_status})")
  endif()
  file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
  return()
endif()

find_program(SMP_PYFTSUBSET pyftsubset)
if(NOT SMP_PYFTSUBSET)
  message(FATAL_ERROR "pyftsubset not found (Debian's fonttools): run tools/setup.sh")
endif()

function(smp_subset_font output font ranges_header)
  add_custom_command(
    OUTPUT "${output}"
    COMMAND "${CMAKE_COMMAND}" -DPYFTSUBSET=${SMP_PYFTSUBSET} -DFONT=${font} -DRANGES=${ranges_header}
            -DOUTPUT=${output} -P "${_SMP_SUBSET_SCRIPT}"
    DEPENDS "${font}" "${ranges_header}" "${_SMP_SUBSET_SCRIPT}"
    COMMENT "Subsetting ${font}"
    VERBATIM)
endfunction()
