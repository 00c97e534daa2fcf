# The browser flavour: everything that exists only for WebAssembly, included under if(EMSCRIPTEN)
# before any target is defined (the options below apply to every target, third-party ones too).
#   build/wasm/web/   the servable app: index.html, style.css, js/ (the page's modules),
#                     smp-designer.{js,wasm}, icons, the web app manifest and sw.js (the service
#                     worker, stamped with the release id)
#   build/wasm/bin/   smp.js and the doctest binaries, single-file, run with a plain `node X.js`
# The top-level CMakeLists.txt calls smp_add_web_targets() once the targets exist.

set(SMP_WEB_DIR "${CMAKE_BINARY_DIR}/web")

# Exceptions stay on so nlohmann/json and std:: behave as natively (an exception never aborts).
add_compile_options(-fexceptions)
add_link_options(-fexceptions -sALLOW_MEMORY_GROWTH=1 -sDYNAMIC_EXECUTION=0)

# Optimisation: every byte of the app is downloaded before the first design shows, so WebAssembly
# is compiled for size wherever speed does not matter (-Os), and -O2 elsewhere (here as fast as
# -O3, and smaller). What runs per dot (the generator, the density field, the template, geometry)
# must not go to -Os: Eigen's small accessors stop being inlined and a generation takes three times
# as long. No level changes a result: IEEE arithmetic stays exact (no fast-math, no contraction)
# and what must agree goes through det_math.h; the golden test, the cli suite and the WebAssembly
# doctests, which share these flags, check it byte for byte.
add_compile_options(-O2)
# Link-time optimisation: every object is LLVM bitcode, optimised again as one program when linked
# (with Emscripten's LTO builds of libc and libc++), so code reached from one file only is inlined
# where it is used and what no caller needs goes: 34 KB less gzipped WebAssembly (457 -> 423 KB).
# Each function keeps the level it was compiled at (-Os functions stay small, -O2 ones fast), and
# no level or inlining changes an IEEE result (no contraction, no fast-math: CMakeLists.txt); the
# cli suite compares the node build's dots with the native build's, byte for byte.
add_compile_options(-flto)
add_link_options(-flto)
#   whole targets, only in the browser app: ImGui, its backends, the panels, the GL renderer, the
#   platform glue, at -Oz (smaller again than -Os: 0.5 KB of gzip; nothing there runs per dot; the
#   renderer only copies the dots it is given: 0.7 KB of gzip, brush frames as fast)
set(SMP_SIZE_TARGETS smp_truetype smp_imgui smp_imgui_backends smp_ui smp_platform smp_render smp-designer)
#   sources of the shared libraries: the formats (JSON, links, presets), the plan sheet, QR codes and
#   the document's bookkeeping. Undo and the design diff (every brush dab and the soak test go
#   through them) and the CPU renderer stay at -O2: at -Os the tests run 15 % longer, a render 3x.
set(SMP_SIZE_SOURCES
  src/core/design_json.cpp src/core/plan_json.cpp src/core/json_reader.cpp src/core/design_link.cpp
  src/core/deflate.cpp src/core/presets.cpp src/core/status.cpp src/document/document.cpp
  src/export/plan_sheet.cpp src/export/qr_code.cpp
  # The photo view's (issue 18): a fit when a marker is let go, a render of the design on the
  # photo when the fit changes; tens of milliseconds at -Os, and 30 KB less to download.
  src/core/head_fit.cpp src/export/photo_render.cpp
  # The client's own hair, made once per design change: its time is the template's zone lookups
  # (compiled at -O2 with the template), the same at -Os natively (presets' hair 2-33 ms either way).
  src/core/natural_hair.cpp
  # A photo's markers file (JSON, once per photo), a head render's landmarks and the design's
  # default sessions: nothing there runs per dot. (Not the PNG writer or the photo's scaling: at
  # -Os natively a 2160 x 1180 picture's encoding took 1.8x as long, a photo's scaling 3x.)
  src/core/marks_json.cpp src/export/head_marks.cpp src/core/design.cpp)

# The engine's hot loops neither throw nor catch. Emscripten's JS-based exceptions would route
# every call there that might throw through a JavaScript trampoline (invoke_*); without them the
# generator runs about as fast as natively. (An allocation failure there aborts instead of
# throwing; the design limits keep allocations bounded.)
set(SMP_NO_EXCEPTION_SOURCES src/core/blue_noise.cpp src/core/generator.cpp
    # Nor do the words on a picture: without exceptions their strings and vectors need no
    # clean-up paths.
    src/export/caption.cpp)
# The same for the screen, whose code only the page API (page_api.cpp: nlohmann's type errors in
# a page's arguments become an answer) and the other users of nlohmann::json catch or throw
# through: ImGui, the panels, the renderer and the platform glue lose their invoke_* trampolines
# (-6 KB of gzipped WebAssembly). The JSON users keep exceptions, so every instantiation of
# nlohmann's templates throws as the core's do.
set(SMP_NO_EXCEPTION_TARGETS smp_truetype smp_imgui smp_imgui_backends smp_ui smp_platform smp_render smp-designer)
# Which sources those are is read from the sources themselves (smp_add_web_targets: those that
# include nlohmann's header), so a new user of JSON cannot be compiled without exceptions by
# mistake, where nlohmann's throw would become an abort.

function(smp_add_web_targets)
  set_source_files_properties(${SMP_NO_EXCEPTION_SOURCES} TARGET_DIRECTORY smp_core PROPERTIES COMPILE_OPTIONS -fno-exceptions)
  foreach(_target ${SMP_SIZE_TARGETS})
    target_compile_options(${_target} PRIVATE -Oz)
  endforeach()
  foreach(_target ${SMP_NO_EXCEPTION_TARGETS})
    target_compile_options(${_target} PRIVATE -fno-exceptions)
    get_target_property(_sources ${_target} SOURCES)
    get_target_property(_source_dir ${_target} SOURCE_DIR)
    foreach(_source ${_sources})
      if(IS_ABSOLUTE "${_source}")
        set(_path "${_source}")
      else()
        set(_path "${_source_dir}/${_source}")
      endif()
      if(NOT _path MATCHES "\\.cpp$" OR NOT EXISTS "${_path}")
        continue()
      endif()
      file(STRINGS "${_path}" _json_includes REGEX "#include [<\"](nlohmann/|core/json_reader\\.h)")
      if(_json_includes)
        set_source_files_properties("${_source}" TARGET_DIRECTORY ${_target} PROPERTIES COMPILE_OPTIONS -fexceptions)
      endif()
    endforeach()
  endforeach()
  # Nothing in the page opens ImGui's metrics and debug windows or its imgui.ini (IniFilename is
  # null): leave them out. PUBLIC, so every file that includes ImGui agrees on its structures.
  target_compile_definitions(smp_imgui PUBLIC IMGUI_DISABLE_DEBUG_TOOLS IMGUI_DISABLE_FILE_FUNCTIONS)
  foreach(_source ${SMP_SIZE_SOURCES})
    string(REGEX MATCH "src/([a-z]+)/" _ "${_source}")   # src/core/... -> smp_core
    set_property(SOURCE ${_source} TARGET_DIRECTORY smp_${CMAKE_MATCH_1} APPEND PROPERTY COMPILE_OPTIONS -Os)
  endforeach()
  # The words on an exported picture (a few hundred glyphs, once per picture) at -Oz, as the UI.
  set_property(SOURCE src/export/caption.cpp TARGET_DIRECTORY smp_export APPEND PROPERTY COMPILE_OPTIONS -Oz)
  # The head view's maths (a drag's orbit, a pinch's zoom, where a client's view opens) at -Oz, as
  # the UI that calls it a few times a frame at most.
  set_property(SOURCE src/ui/head_view_math.cpp TARGET_DIRECTORY smp_ui_math APPEND PROPERTY COMPILE_OPTIONS -Oz)

  set_target_properties(smp-designer PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${SMP_WEB_DIR}")
  # -Oz: binaryen shrinks the linked module for size too. FILESYSTEM=0: the page does its own file
  # handling (web/js/host_files.js), so Emscripten's virtual file system would be 13 KB of dead
  # glue; printf still reaches the console.
  # --closure 1: Closure Compiler minifies Emscripten's JavaScript glue (104 KB -> 47 KB, 24 -> 15
  # KB as gzip). It renames properties, so the JS in EM_JS blocks reaches the page's objects by
  # quoted names (Module['smpPage']['download']), which it keeps. Emscripten 3.1.6 is paired with
  # google-closure-compiler 20220104 (npm, its native Linux binary), which emcc finds through
  # EM_CLOSURE_COMPILER, set for this link only.
  find_program(SMP_CLOSURE_COMPILER google-closure-compiler PATHS "${CMAKE_SOURCE_DIR}/node_modules/.bin" NO_DEFAULT_PATH)
  if(NOT SMP_CLOSURE_COMPILER)
    message(FATAL_ERROR "google-closure-compiler not found in node_modules/.bin: run tools/setup.sh")
  endif()
  set_property(TARGET smp-designer PROPERTY RULE_LAUNCH_LINK
    "${CMAKE_COMMAND} -E env EM_CLOSURE_COMPILER=${SMP_CLOSURE_COMPILER}")
  target_link_options(smp-designer PRIVATE
    -Oz --closure 1 -sFILESYSTEM=0 -sMALLOC=emmalloc
    -sENVIRONMENT=web
    -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sINITIAL_MEMORY=33554432
    -sEXPORTED_RUNTIME_METHODS=UTF8ToString,ccall,stringToUTF8,lengthBytesUTF8
    -sEXPORTED_FUNCTIONS=_main,_smp_api,_smp_api_stage,_malloc,_free)

  # Binaryen's size passes once more until nothing changes (--converge): emcc's -Oz runs them once.
  # 22 KB less WebAssembly (5 KB gzipped) for 7 s of build.
  find_program(SMP_WASM_OPT wasm-opt REQUIRED)
  add_custom_command(TARGET smp-designer POST_BUILD
    COMMAND "${SMP_WASM_OPT}" -Oz --converge "${SMP_WEB_DIR}/smp-designer.wasm" -o "${SMP_WEB_DIR}/smp-designer.wasm"
    VERBATIM)

  # Node programs: one file each (no .wasm fetch, which node 20 cannot do from a path), real file
  # system access, and the process exit code is main()'s.
  foreach(node_target smp smp_core_tests smp_ui_tests smp_export_tests)
    target_link_options(${node_target} PRIVATE
      -sENVIRONMENT=node -sSINGLE_FILE=1 -sNODERAWFS=1 -sEXIT_RUNTIME=1)
  endforeach()

  # Static files of the page, copied next to the compiled app whenever they change. The page's
  # modules (js/) are also the service worker's: keep this list and APP_FILES (LAZY_FILES for those
  # loaded on first use) in tools/stamp_release.mjs together.
  set(SMP_WEB_STATIC_FILES
    index.html style.css embed.js favicon.svg manifest.webmanifest
    js/main.js js/messages.js js/api.js js/pointer_input.js js/host_files.js js/storage.js
    js/embed_protocol.js js/service_worker.js js/announcer.js js/keyboard.js js/appearance.js
    js/text_entry.js js/viewport.js js/photo_bridge.js js/photos.js
    icons/icon-192.png icons/icon-512.png
    demo/index.html demo/demo.js demo/demo.css)
  # The page's modules (js/) are minified on the way (tools/minify_js.mjs), and the page and its
  # style sheet lose their comments and indentation (tools/minify_page.mjs); everything else,
  # embed.js and the demo page included (clinics read what they put on their pages), is copied as
  # it is.
  set(_staged)
  foreach(_file ${SMP_WEB_STATIC_FILES})
    if(_file MATCHES "^js/.*\\.js$")
      add_custom_command(
        OUTPUT "${SMP_WEB_DIR}/${_file}"
        COMMAND node "${CMAKE_SOURCE_DIR}/tools/minify_js.mjs" "${CMAKE_SOURCE_DIR}/web/${_file}" "${SMP_WEB_DIR}/${_file}"
        DEPENDS "${CMAKE_SOURCE_DIR}/web/${_file}" "${CMAKE_SOURCE_DIR}/tools/minify_js.mjs"
        VERBATIM)
    elseif(_file STREQUAL "index.html" OR _file STREQUAL "style.css")
      add_custom_command(
        OUTPUT "${SMP_WEB_DIR}/${_file}"
        COMMAND node "${CMAKE_SOURCE_DIR}/tools/minify_page.mjs" "${CMAKE_SOURCE_DIR}/web/${_file}" "${SMP_WEB_DIR}/${_file}"
        DEPENDS "${CMAKE_SOURCE_DIR}/web/${_file}" "${CMAKE_SOURCE_DIR}/tools/minify_page.mjs"
        VERBATIM)
    else()
      add_custom_command(
        OUTPUT "${SMP_WEB_DIR}/${_file}"
        COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${CMAKE_SOURCE_DIR}/web/${_file}" "${SMP_WEB_DIR}/${_file}"
        DEPENDS "${CMAKE_SOURCE_DIR}/web/${_file}"
        VERBATIM)
    endif()
    list(APPEND _staged "${SMP_WEB_DIR}/${_file}")
  endforeach()
  add_custom_target(smp_web_static ALL DEPENDS ${_staged})
  add_dependencies(smp-designer smp_web_static)

  # The service worker of this release: web/sw.js with the hash of every staged file filled in, so
  # the release id changes whenever any app file does (tools/stamp_release.mjs). It runs after the
  # link and the copies above (target dependencies) and again whenever either changes. Then every
  # compressible file gets its .gz and .br beside it (tools/precompress.mjs), which tools/serve.mjs
  # sends, as would a static host that serves precompressed files.
  add_custom_command(
    OUTPUT "${SMP_WEB_DIR}/sw.js"
    COMMAND node "${CMAKE_SOURCE_DIR}/tools/stamp_release.mjs" "${SMP_WEB_DIR}" --template "${CMAKE_SOURCE_DIR}/web/sw.js"
    COMMAND node "${CMAKE_SOURCE_DIR}/tools/precompress.mjs" "${SMP_WEB_DIR}"
    DEPENDS smp-designer smp_web_static "${CMAKE_SOURCE_DIR}/web/sw.js" "${CMAKE_SOURCE_DIR}/tools/stamp_release.mjs"
            "${CMAKE_SOURCE_DIR}/tools/precompress.mjs" "${CMAKE_SOURCE_DIR}/tools/serve.mjs" ${_staged}
    VERBATIM)
  add_custom_target(smp_web_release ALL DEPENDS "${SMP_WEB_DIR}/sw.js")
endfunction()
