package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import org.rdsecho.core.Outcome;

/** {@code sample-opts}: prints a template RDS_ECHO_OPTS line for cron or Jenkins. */
@Parameters(
    commandNames = "sample-opts",
    commandDescription = "Print a template 'export RDS_ECHO_OPTS=...' line")
final class SampleOptsCommand implements EchoCommand {
  static final String SAMPLE =
      "export RDS_ECHO_OPTS=\"-Drdsecho.name=development"
          + " -Drdsecho.snapshot.dbInstanceIdentifier=production"
          + " -Drdsecho.new.dbInstanceClass=db.t3.medium"
          + " -Drdsecho.new.dbSubnetGroupName=dev-subnets"
          + " -Drdsecho.new.vpcSecurityGroupIds=sg-0123456789abcdef0"
          + " -Drdsecho.promote.cname=dev-db.example.com."
          + " -Drdsecho.promote.ttl=60\"";

  @ParametersDelegate final GlobalOptions global;

  SampleOptsCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "sample-opts";
  }

  @Override
  public boolean needsConfig() {
    return false;
  }

  @Override
  public Result run(Context ctx) {
    return Result.of(name(), null, Outcome.DONE, SAMPLE);
  }
}
