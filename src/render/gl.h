// smp render: the one include for OpenGL. WebGL2 is OpenGL ES 3.0; the desktop uses the 3.3 core
// profile. The subset the renderer uses is common to both, so it is written once.
#pragma once

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
#endif
