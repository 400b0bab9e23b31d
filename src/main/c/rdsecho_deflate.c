/*
 * JNI glue between org.rdsecho.dump.LibdeflateBlockDeflater and libdeflate (Debian's
 * libdeflate-dev, linked statically so the library travels inside the jar). One compressor per
 * Java thread; each call deflates one whole block, which is all libdeflate offers and all a
 * gzip member needs.
 */
#include <jni.h>
#include <stdint.h>
#include <libdeflate.h>

JNIEXPORT jlong JNICALL Java_org_rdsecho_dump_LibdeflateBlockDeflater_allocate(JNIEnv *env, jclass cls, jint level) {
  (void) env;
  (void) cls;
  return (jlong) (intptr_t) libdeflate_alloc_compressor(level);
}

/* Returns the compressed size, or 0 when out is too small (the caller gives it enough room). */
JNIEXPORT jint JNICALL Java_org_rdsecho_dump_LibdeflateBlockDeflater_compress(JNIEnv *env, jclass cls, jlong handle,
    jbyteArray in, jint length, jbyteArray out) {
  (void) cls;
  struct libdeflate_compressor *compressor = (struct libdeflate_compressor *) (intptr_t) handle;
  jsize room = (*env)->GetArrayLength(env, out);
  /* Critical sections pin the arrays without copying; nothing in between calls back into Java. */
  void *src = (*env)->GetPrimitiveArrayCritical(env, in, NULL);
  if (src == NULL) {
    return -1;
  }
  void *dst = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
  if (dst == NULL) {
    (*env)->ReleasePrimitiveArrayCritical(env, in, src, JNI_ABORT);
    return -1;
  }
  size_t n = libdeflate_deflate_compress(compressor, src, (size_t) length, dst, (size_t) room);
  (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
  (*env)->ReleasePrimitiveArrayCritical(env, in, src, JNI_ABORT);
  return (jint) n;
}

JNIEXPORT void JNICALL Java_org_rdsecho_dump_LibdeflateBlockDeflater_free(JNIEnv *env, jclass cls, jlong handle) {
  (void) env;
  (void) cls;
  libdeflate_free_compressor((struct libdeflate_compressor *) (intptr_t) handle);
}
