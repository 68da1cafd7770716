package io.fangxian.load;

import java.nio.file.Path;
import java.util.List;

/**
 * What reading a file gave.
 *
 * @param good records passed on
 * @param bad lines rejected
 * @param errors the first {@link RecordFileReader#MAX_ERRORS_KEPT} rejections, in file order
 * @param complete false if reading stopped early (undecodable bytes, broken CSV quoting, bad header)
 */
public record LoadResult(Path file, RecordKind kind, FileFormat format, int good, int bad, List<LineError> errors,
                         boolean complete) {
  public LoadResult {
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return bad == 0 && complete;
  }
}
