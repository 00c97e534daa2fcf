# Third-party dependencies as interface targets with the same names in every flavour:
#   smp::eigen smp::json smp::doctest smp::stb smp::gl smp::glfw, smp_imgui, smp_imgui_backends.
# Natively they come from Debian's CMake packages. Under Emscripten, /usr/include must never be an
# include path (it drags glibc headers in), so the few header folders we need are linked into a
# private folder of the build tree instead.

set(SMP_FONT_DIR "/usr/share/fonts/opentype/inter" CACHE PATH "Debian's fonts-inter")
set(SMP_IMGUI_DIR "${SMP_DEPS_DIR}/imgui-1.90.1" CACHE PATH "Dear ImGui sources (tools/setup.sh)")
if(NOT EXISTS "${SMP_IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui not found in ${SMP_IMGUI_DIR}: run tools/setup.sh (make test does)")
endif()

if(EMSCRIPTEN)
  set(_sys_include "${CMAKE_BINARY_DIR}/system_headers")
  file(MAKE_DIRECTORY "${_sys_include}")
  foreach(_dir nlohmann doctest stb)
    if(NOT EXISTS "/usr/include/${_dir}")
      message(FATAL_ERROR "/usr/include/${_dir} missing: run tools/setup.sh")
    endif()
    if(NOT EXISTS "${_sys_include}/${_dir}")
      file(CREATE_LINK "/usr/include/${_dir}" "${_sys_include}/${_dir}" SYMBOLIC)
    endif()
  endforeach()
  add_library(smp_eigen INTERFACE)
  target_include_directories(smp_eigen SYSTEM INTERFACE /usr/include/eigen3)
  add_library(smp_json INTERFACE)
  target_include_directories(smp_json SYSTEM INTERFACE "${_sys_include}")
  add_library(smp_doctest INTERFACE)
  target_include_directories(smp_doctest SYSTEM INTERFACE "${_sys_include}")
  add_library(smp_stb INTERFACE)
  target_include_directories(smp_stb SYSTEM INTERFACE "${_sys_include}")
  # GLFW and GLES3 headers come with Emscripten's sysroot; the link flags live in web/web.cmake.
  add_library(smp_gl INTERFACE)
  add_library(smp_glfw INTERFACE)
  target_link_options(smp_glfw INTERFACE -sUSE_GLFW=3)
else()
  find_package(Eigen3 3.4 REQUIRED NO_MODULE)
  find_package(nlohmann_json 3.10 REQUIRED)
  find_package(doctest REQUIRED)
  find_package(glfw3 3.3 REQUIRED)
  find_package(OpenGL REQUIRED)
  add_library(smp_eigen INTERFACE)
  target_link_libraries(smp_eigen INTERFACE Eigen3::Eigen)
  add_library(smp_json INTERFACE)
  target_link_libraries(smp_json INTERFACE nlohmann_json::nlohmann_json)
  add_library(smp_doctest INTERFACE)
  target_link_libraries(smp_doctest INTERFACE doctest::doctest)
  add_library(smp_stb INTERFACE)   # header-only, in /usr/include/stb
  if(NOT EXISTS /usr/include/stb/stb_image_write.h)
    message(FATAL_ERROR "stb headers missing (libstb-dev): run tools/setup.sh")
  endif()
  add_library(smp_gl INTERFACE)
  target_link_libraries(smp_gl INTERFACE OpenGL::GL)
  add_library(smp_glfw INTERFACE)
  target_link_libraries(smp_glfw INTERFACE glfw)
endif()
add_library(smp::eigen ALIAS smp_eigen)
add_library(smp::json ALIAS smp_json)
add_library(smp::doctest ALIAS smp_doctest)
add_library(smp::stb ALIAS smp_stb)
add_library(smp::gl ALIAS smp_gl)
add_library(smp::glfw ALIAS smp_glfw)

# Dear ImGui core, and its GLFW + OpenGL3 backends (ES 3.0 under Emscripten = WebGL2).
add_library(smp_imgui STATIC
  "${SMP_IMGUI_DIR}/imgui.cpp"
  "${SMP_IMGUI_DIR}/imgui_draw.cpp"
  "${SMP_IMGUI_DIR}/imgui_tables.cpp"
  "${SMP_IMGUI_DIR}/imgui_widgets.cpp"
  "${SMP_IMGUI_DIR}/imgui_demo.cpp"
  # Our answers to ImGui's test-engine hooks (the layout audit listens to them).
  "${PROJECT_SOURCE_DIR}/src/ui/item_hooks.cpp")
target_include_directories(smp_imgui SYSTEM PUBLIC "${SMP_IMGUI_DIR}")
target_include_directories(smp_imgui PRIVATE "${PROJECT_SOURCE_DIR}/src")
# Our own ImVec2 <-> Eigen conversions stay explicit; no implicit math operators leak in.
# IMGUI_ENABLE_TEST_ENGINE: ImGui calls item hooks with each widget's rectangle, label and state
# (src/ui/item_hooks.cpp answers them): the layout audit records a frame with them, and the
# accessibility layer names the widget the keyboard is on for screen readers.
target_compile_definitions(smp_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_ENABLE_TEST_ENGINE)

add_library(smp_imgui_backends STATIC
  "${SMP_IMGUI_DIR}/backends/imgui_impl_glfw.cpp"
  "${SMP_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(smp_imgui_backends SYSTEM PUBLIC "${SMP_IMGUI_DIR}/backends")
target_link_libraries(smp_imgui_backends PUBLIC smp_imgui smp::glfw smp::gl)
if(EMSCRIPTEN)
  target_compile_definitions(smp_imgui_backends PUBLIC IMGUI_IMPL_OPENGL_ES3)
endif()
