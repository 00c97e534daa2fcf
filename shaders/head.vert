// The head view's head: one triangle that covers the whole framebuffer (corners from gl_VertexID,
// no vertex buffer); the scissor keeps it to the viewport, and head.frag ray-casts every pixel.
void main() {
    vec2 corner = vec2(float((gl_VertexID & 1) * 4 - 1), float((gl_VertexID >> 1) * 4 - 1));   // (-1,-1), (3,-1), (-1,3)
    gl_Position = vec4(corner, 0.0, 1.0);
}
