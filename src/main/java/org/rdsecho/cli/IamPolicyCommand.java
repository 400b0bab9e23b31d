package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.util.Map;
import org.rdsecho.aws.IamPolicy;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * {@code iam-policy}: prints the least-privilege IAM policy for this configuration. The account
 * comes from {@code rdsecho.accountNumber} or the source instance's ARN; the region as for every
 * command. It writes nothing.
 */
@Parameters(
    commandNames = "iam-policy",
    commandDescription =
        "Print the least-privilege IAM policy (JSON) for the" + " commands this configuration uses")
final class IamPolicyCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  IamPolicyCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "iam-policy";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    String region = ctx.region();
    String account =
        ctx.config().raw().get(org.rdsecho.config.ConfigKeys.ACCOUNT_NUMBER).orElse(null);
    String partition = "aws";
    String source = ctx.config().snapshot().source();
    if ((account == null) && source != null) {
      try {
        String arn = ctx.fleet().find(source).map(i -> i.arn()).orElse(null);
        if (arn != null) {
          String[] parts = arn.split(":");
          partition = parts[1];
          account = parts[4];
        }
      } catch (EchoException e) {
        ctx.console()
            .warn(
                "could not read the source's ARN ("
                    + e.getMessage()
                    + "); the account is left as *:"
                    + " set rdsecho.accountNumber to fill it in");
      }
    }
    Map<String, Object> policy =
        IamPolicy.of(ctx.config(), partition, region, account == null ? "*" : account);
    String text = ResultPrinter.pretty(policy);
    return Result.of(name(), ctx.name(), Outcome.DONE, global.dryRun(), "")
        .withExtra(Map.of("policy", policy))
        .withDetails(text);
  }
}
