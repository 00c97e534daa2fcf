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

# The engine's hot loops neither throw nor catch. Emscripten's JS-based exceptions would route
# every call there that might throw through a JavaScript trampoline (invoke_*); without them the
# generator runs about as fast as natively. (An allocation failure there aborts instead of
# throwing; the design limits keep allocations bounded.)
set(SMP_NO_EXCEPTION_SOURCES src/core/blue_noise.cpp src/core/generator.cpp)

function(smp_add_web_targets)
  set_source_files_properties(${SMP_NO_EXCEPTION_SOURCES} TARGET_DIRECTORY smp_core PROPERTIES COMPILE_OPTIONS -fno-exceptions)

  set_target_properties(smp-designer PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${SMP_WEB_DIR}")
  target_link_options(smp-designer PRIVATE
    -sENVIRONMENT=web
    -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sINITIAL_MEMORY=33554432
    -sEXPORTED_RUNTIME_METHODS=UTF8ToString,ccall,stringToUTF8,lengthBytesUTF8
    -sEXPORTED_FUNCTIONS=_main,_smp_api,_malloc,_free)

  # Node programs: one file each (no .wasm fetch, which node 20 cannot do from a path), real file
  # system access, and the process exit code is main()'s.
  foreach(node_target smp smp_core_tests smp_ui_tests smp_export_tests)
    target_link_options(${node_target} PRIVATE
      -sENVIRONMENT=node -sSINGLE_FILE=1 -sNODERAWFS=1 -sEXIT_RUNTIME=1)
  endforeach()

  # Static files of the page, copied next to the compiled app whenever they change. The page's
  # modules (js/) are also the service worker's: keep this list and APP_FILES in
  # tools/stamp_release.mjs together.
  set(SMP_WEB_STATIC_FILES
    index.html style.css embed.js favicon.svg manifest.webmanifest
    js/main.js js/messages.js js/api.js js/pointer_input.js js/host_files.js js/storage.js
    js/embed_protocol.js js/service_worker.js js/announcer.js js/keyboard.js js/appearance.js
    js/text_entry.js js/viewport.js
    icons/icon-192.png icons/icon-512.png
    demo/index.html demo/demo.js demo/demo.css)
  set(_staged)
  foreach(_file ${SMP_WEB_STATIC_FILES})
    add_custom_command(
      OUTPUT "${SMP_WEB_DIR}/${_file}"
      COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${CMAKE_SOURCE_DIR}/web/${_file}" "${SMP_WEB_DIR}/${_file}"
      DEPENDS "${CMAKE_SOURCE_DIR}/web/${_file}"
      VERBATIM)
    list(APPEND _staged "${SMP_WEB_DIR}/${_file}")
  endforeach()
  add_custom_target(smp_web_static ALL DEPENDS ${_staged})
  add_dependencies(smp-designer smp_web_static)

  # The service worker of this release: web/sw.js with the hash of every staged file filled in, so
  # the release id changes whenever any app file does (tools/stamp_release.mjs). It runs after the
  # link and the copies above (target dependencies) and again whenever either changes.
  add_custom_command(
    OUTPUT "${SMP_WEB_DIR}/sw.js"
    COMMAND node "${CMAKE_SOURCE_DIR}/tools/stamp_release.mjs" "${SMP_WEB_DIR}" --template "${CMAKE_SOURCE_DIR}/web/sw.js"
    DEPENDS smp-designer smp_web_static "${CMAKE_SOURCE_DIR}/web/sw.js" "${CMAKE_SOURCE_DIR}/tools/stamp_release.mjs"
            ${_staged}
    VERBATIM)
  add_custom_target(smp_web_release ALL DEPENDS "${SMP_WEB_DIR}/sw.js")
endfunction()
