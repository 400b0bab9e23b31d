package org.rdsecho.dump;

import java.nio.file.Path;

/**
 * One finished dump file.
 *
 * @param bytes the file's size (compressed)
 * @param sqlBytes the SQL it holds, uncompressed
 * @param streams how many dump processes wrote its table data at once
 */
public record DumpedFile(
    String database,
    Path path,
    long bytes,
    String sha256,
    long sqlBytes,
    double seconds,
    int streams) {}
