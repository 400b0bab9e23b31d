package org.rdsecho.plane;

import java.util.Map;
import java.util.Optional;
import org.rdsecho.core.Printable;
import org.rdsecho.dump.ConnectionSpec;
import org.rdsecho.dump.MysqlTools;
import org.rdsecho.dump.RowCarrier;
import org.rdsecho.stage.DataAction;
import org.rdsecho.stage.EchoInstance;

/**
 * Applies {@code carry}'s data-plane actions as decided: the carried rows of each table and the
 * counters raised to the floor (the rows loaded strictly, by a sandboxed client: the last-line
 * guards). Any other action is not carry's, and throws.
 */
public final class CarryPlane implements DataActions, DataAction.Visitor<Void> {
  private final PlaneContext ctx;
  private final RowCarrier carrier;

  /**
   * @param promoted the promoted clone rows are read from; empty on the first night
   */
  public CarryPlane(PlaneContext ctx, EchoInstance clone, Optional<EchoInstance> promoted) {
    this.ctx = ctx;
    ConnectionSpec to = Connections.to(clone, ctx.config().export(), ctx);
    ConnectionSpec from =
        promoted
            .map(p -> Connections.toPromoted(p, ctx.config().carry(), ctx.config().export(), ctx))
            .orElse(to);
    this.carrier = new RowCarrier(MysqlTools.find(ctx.variables().get("PATH")), from, to);
  }

  @Override
  public void apply(DataAction action) {
    action.accept(this);
  }

  @Override
  public Void carryRows(DataAction.CarryRows c) {
    long rows = carrier.carry(c.database(), c.table(), c.key(), c.floor());
    ctx.progress()
        .accept(
            "carried " + rows + " row(s) of " + Printable.quote(c.database() + "." + c.table()));
    return null;
  }

  @Override
  public Void raiseCounters(DataAction.RaiseCounters r) {
    r.tables().forEach(table -> carrier.raiseCounter(r.database(), table, r.floor()));
    return null;
  }

  @Override
  public Void runScript(DataAction.RunScript action) {
    return notCarrys(action);
  }

  @Override
  public Void runChecks(DataAction.RunChecks action) {
    return notCarrys(action);
  }

  @Override
  public Void dump(DataAction.Dump action) {
    return notCarrys(action);
  }

  @Override
  public Void writeManifest(DataAction.WriteManifest action) {
    return notCarrys(action);
  }

  @Override
  public Void dropScratchDatabase(DataAction.DropScratchDatabase action) {
    return notCarrys(action);
  }

  @Override
  public Void verifyDump(DataAction.VerifyDump action) {
    return notCarrys(action);
  }

  @Override
  public Void uploadFile(DataAction.UploadFile action) {
    return notCarrys(action);
  }

  @Override
  public Void removeUploadedFiles(DataAction.RemoveUploadedFiles action) {
    return notCarrys(action);
  }

  @Override
  public Void removeS3Set(DataAction.RemoveS3Set action) {
    return notCarrys(action);
  }

  @Override
  public Void removeDumpSet(DataAction.RemoveDumpSet action) {
    return notCarrys(action);
  }

  private static Void notCarrys(DataAction action) {
    throw new IllegalStateException("carry does not apply " + action.describe());
  }

  @Override
  public Map<String, Object> resultFields() {
    return Map.of();
  }

  @Override
  public void close() {}
}
