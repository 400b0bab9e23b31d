package org.rdsecho.config;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Every key rds-echo knows: those of 0.1.x with their old meaning, and the newer ones. */
public final class ConfigKeys {
  public static final String PREFIX = "rdsecho.";

  public static final String INTERACTIVE = "rdsecho.interactive";
  public static final String NAME = "rdsecho.name";
  public static final String REGION = "rdsecho.region";
  public static final String ACCOUNT_NUMBER = "rdsecho.accountNumber";

  public static final String SNAPSHOT_SOURCE = "rdsecho.snapshot.dbInstanceIdentifier";
  public static final String SNAPSHOT_MAX_AGE = "rdsecho.snapshot.maxAge";
  public static final String SNAPSHOT_RESTORE_TIME = "rdsecho.snapshot.restoreTime";
  public static final String SNAPSHOT_COPY_KMS_KEY = "rdsecho.snapshot.copyKmsKeyId";
  public static final String SNAPSHOT_KEEP = "rdsecho.snapshot.keep";
  public static final String SNAPSHOT_TYPE = "rdsecho.snapshot.type";
  public static final String SNAPSHOT_IDENTIFIER = "rdsecho.snapshot.identifier";
  public static final String SNAPSHOT_CLUSTER = "rdsecho.snapshot.dbClusterIdentifier";

  public static final String NEW_ENGINE = "rdsecho.new.engine";
  public static final String NEW_LICENSE_MODEL = "rdsecho.new.licenseModel";
  public static final String NEW_INSTANCE_CLASS = "rdsecho.new.dbInstanceClass";
  public static final String NEW_MULTI_AZ = "rdsecho.new.multiAz";
  public static final String NEW_STORAGE_TYPE = "rdsecho.new.storageType";
  public static final String NEW_IOPS = "rdsecho.new.iops";
  public static final String NEW_PORT = "rdsecho.new.port";
  public static final String NEW_OPTION_GROUP = "rdsecho.new.optionGroupName";
  public static final String NEW_AUTO_MINOR = "rdsecho.new.autoMinorVersionUpgrade";
  public static final String NEW_TAGS = "rdsecho.new.tags";
  public static final String NEW_SUBNET_GROUP = "rdsecho.new.dbSubnetGroupName";
  public static final String NEW_VPC_SECURITY_GROUPS = "rdsecho.new.vpcSecurityGroupIds";
  public static final String NEW_PARAMETER_GROUP = "rdsecho.new.dbParameterGroupName";
  public static final String NEW_AVAILABILITY_ZONE = "rdsecho.new.availabilityZone";
  public static final String NEW_PUBLICLY_ACCESSIBLE = "rdsecho.new.publiclyAccessible";
  public static final String NEW_REPLACE_UNPROMOTED = "rdsecho.new.replaceUnpromoted";
  public static final String NEW_KMS_KEY_ID = "rdsecho.new.kmsKeyId";
  public static final String NEW_STORAGE_ENCRYPTED = "rdsecho.new.storageEncrypted";
  public static final String NEW_RESTORE_TYPE = "rdsecho.new.restoreType";
  public static final String NEW_CLUSTER_PARAMETER_GROUP =
      "rdsecho.new.dbClusterParameterGroupName";

  public static final String MOD_PARAMETER_GROUP = "rdsecho.mod.dbParameterGroupName";
  public static final String MOD_DB_SECURITY_GROUPS = "rdsecho.mod.dbSecurityGroups";
  public static final String MOD_BACKUP_RETENTION = "rdsecho.mod.backupRetentionPeriod";
  public static final String MOD_APPLY_IMMEDIATELY = "rdsecho.mod.applyImmediately";
  public static final String MOD_VPC_SECURITY_GROUPS = "rdsecho.mod.vpcSecurityGroupIds";
  public static final String MOD_PASSWORD_ENV = "rdsecho.mod.masterUserPasswordEnv";
  public static final String MOD_CLUSTER_PARAMETER_GROUP =
      "rdsecho.mod.dbClusterParameterGroupName";

  public static final String PROMOTE_CNAME = "rdsecho.promote.cname";
  public static final String PROMOTE_TTL = "rdsecho.promote.ttl";
  public static final String PROMOTE_TAGS = "rdsecho.promote.tags";
  public static final String PROMOTE_ZONE = "rdsecho.promote.hostedZoneId";
  public static final String PROMOTE_REQUIRE_CONFIRMATION = "rdsecho.promote.requireConfirmation";
  public static final String PROMOTE_REMIND_EVERY = "rdsecho.promote.remindEvery";

  public static final String RETIRE_SKIP_FINAL_SNAPSHOT = "rdsecho.retire.skipFinalSnapshot";
  public static final String RETIRE_FINAL_SNAPSHOT = "rdsecho.retire.finalDbSnapshotIdentifier";
  public static final String RETIRE_KEEP_FINAL_SNAPSHOTS = "rdsecho.retire.keepFinalSnapshots";
  public static final String RETIRE_AFTER = "rdsecho.retire.after";
  public static final String RETIRE_WHEN_IDLE = "rdsecho.retire.whenIdle";

  public static final String EXPORT_DATABASES = "rdsecho.export.databases";
  public static final String EXPORT_DIR = "rdsecho.export.dir";
  public static final String EXPORT_USER = "rdsecho.export.user";
  public static final String EXPORT_PASSWORD_ENV = "rdsecho.export.passwordEnv";
  public static final String EXPORT_PASSWORD_FILE = "rdsecho.export.passwordFile";
  public static final String EXPORT_PASSWORD = "rdsecho.export.password";
  public static final String EXPORT_HOST = "rdsecho.export.host";
  public static final String EXPORT_PORT = "rdsecho.export.port";
  public static final String EXPORT_SSL_CA = "rdsecho.export.sslCa";
  public static final String EXPORT_COMPRESSION = "rdsecho.export.compression";
  public static final String EXPORT_KEEP = "rdsecho.export.keep";
  public static final String EXPORT_TABLES = "rdsecho.export.tables";
  public static final String EXPORT_DATA_ONLY = "rdsecho.export.dataOnly";
  public static final String EXPORT_WHERE = "rdsecho.export.where";
  public static final String EXPORT_STREAMS = "rdsecho.export.streams";

  public static final String SANITIZE_SCRIPTS = "rdsecho.sanitize.scripts";
  public static final String SANITIZE_CHECKS = "rdsecho.sanitize.checks";
  public static final String SANITIZE_DATABASES = "rdsecho.sanitize.databases";
  public static final String SANITIZE_DIR = "rdsecho.sanitize.dir";
  public static final String SANITIZE_KEEP = "rdsecho.sanitize.keep";
  public static final String EXPORT_ENCRYPT_TO = "rdsecho.export.encryptTo";
  public static final String EXPORT_S3_URI = "rdsecho.export.s3Uri";
  public static final String SANITIZE_S3_URI = "rdsecho.sanitize.s3Uri";
  public static final String EXPORT_S3_SSE = "rdsecho.export.s3Sse";
  public static final String EXPORT_S3_KMS_KEY = "rdsecho.export.s3KmsKeyId";
  public static final String EXPORT_S3_ONLY = "rdsecho.export.s3Only";
  public static final String SANITIZE_ENCRYPT_TO = "rdsecho.sanitize.encryptTo";

  public static final String LOG_DIR = "rdsecho.log.dir";

  public static final String VERIFY_HOST = "rdsecho.verify.host";
  public static final String VERIFY_PORT = "rdsecho.verify.port";
  public static final String VERIFY_USER = "rdsecho.verify.user";
  public static final String VERIFY_PASSWORD_ENV = "rdsecho.verify.passwordEnv";
  public static final String VERIFY_PASSWORD_FILE = "rdsecho.verify.passwordFile";
  public static final String VERIFY_SSL_CA = "rdsecho.verify.sslCa";
  public static final String VERIFY_REQUIRED = "rdsecho.verify.required";

  public static final String CARRY_TABLES = "rdsecho.carry.tables";
  public static final String CARRY_FROM_HOST = "rdsecho.carry.fromHost";
  public static final String CARRY_FROM_PORT = "rdsecho.carry.fromPort";
  public static final String CARRY_FLOOR = "rdsecho.carry.autoIncrementFloor";

  public static final Set<String> ALL =
      Set.of(
          INTERACTIVE,
          NAME,
          REGION,
          ACCOUNT_NUMBER,
          SNAPSHOT_SOURCE,
          SNAPSHOT_TYPE,
          SNAPSHOT_MAX_AGE,
          SNAPSHOT_KEEP,
          SNAPSHOT_RESTORE_TIME,
          SNAPSHOT_COPY_KMS_KEY,
          SNAPSHOT_IDENTIFIER,
          SNAPSHOT_CLUSTER,
          NEW_RESTORE_TYPE,
          NEW_CLUSTER_PARAMETER_GROUP,
          MOD_CLUSTER_PARAMETER_GROUP,
          NEW_ENGINE,
          NEW_LICENSE_MODEL,
          NEW_INSTANCE_CLASS,
          NEW_MULTI_AZ,
          NEW_STORAGE_TYPE,
          NEW_IOPS,
          NEW_PORT,
          NEW_OPTION_GROUP,
          NEW_AUTO_MINOR,
          NEW_TAGS,
          NEW_SUBNET_GROUP,
          NEW_VPC_SECURITY_GROUPS,
          NEW_PARAMETER_GROUP,
          NEW_AVAILABILITY_ZONE,
          NEW_PUBLICLY_ACCESSIBLE,
          NEW_REPLACE_UNPROMOTED,
          NEW_KMS_KEY_ID,
          NEW_STORAGE_ENCRYPTED,
          MOD_PARAMETER_GROUP,
          MOD_DB_SECURITY_GROUPS,
          MOD_BACKUP_RETENTION,
          MOD_APPLY_IMMEDIATELY,
          MOD_VPC_SECURITY_GROUPS,
          MOD_PASSWORD_ENV,
          PROMOTE_CNAME,
          PROMOTE_TTL,
          PROMOTE_TAGS,
          PROMOTE_ZONE,
          PROMOTE_REQUIRE_CONFIRMATION,
          PROMOTE_REMIND_EVERY,
          RETIRE_SKIP_FINAL_SNAPSHOT,
          RETIRE_FINAL_SNAPSHOT,
          RETIRE_KEEP_FINAL_SNAPSHOTS,
          RETIRE_AFTER,
          RETIRE_WHEN_IDLE,
          EXPORT_DATABASES,
          EXPORT_DIR,
          EXPORT_USER,
          EXPORT_PASSWORD_ENV,
          EXPORT_PASSWORD_FILE,
          EXPORT_PASSWORD,
          EXPORT_HOST,
          EXPORT_PORT,
          EXPORT_SSL_CA,
          EXPORT_COMPRESSION,
          EXPORT_KEEP,
          EXPORT_TABLES,
          EXPORT_DATA_ONLY,
          EXPORT_WHERE,
          EXPORT_STREAMS,
          SANITIZE_SCRIPTS,
          SANITIZE_CHECKS,
          SANITIZE_DATABASES,
          SANITIZE_DIR,
          SANITIZE_KEEP,
          EXPORT_ENCRYPT_TO,
          SANITIZE_ENCRYPT_TO,
          EXPORT_S3_URI,
          SANITIZE_S3_URI,
          EXPORT_S3_SSE,
          EXPORT_S3_KMS_KEY,
          EXPORT_S3_ONLY,
          LOG_DIR,
          VERIFY_HOST,
          VERIFY_PORT,
          VERIFY_USER,
          VERIFY_PASSWORD_ENV,
          VERIFY_PASSWORD_FILE,
          VERIFY_SSL_CA,
          VERIFY_REQUIRED,
          CARRY_TABLES,
          CARRY_FROM_HOST,
          CARRY_FROM_PORT,
          CARRY_FLOOR);

  /**
   * Keys whose value is a file or directory: relative ones resolve beside the properties file
   * (§17).
   */
  public static final Set<String> PATHS =
      Set.of(
          EXPORT_DIR,
          EXPORT_PASSWORD_FILE,
          EXPORT_SSL_CA,
          SANITIZE_CHECKS,
          SANITIZE_DIR,
          LOG_DIR,
          VERIFY_PASSWORD_FILE,
          VERIFY_SSL_CA);

  /** Keys whose value is a comma-separated list of files. */
  public static final Set<String> PATH_LISTS =
      Set.of(SANITIZE_SCRIPTS, EXPORT_ENCRYPT_TO, SANITIZE_ENCRYPT_TO);

  private ConfigKeys() {}

  public static Set<String> sorted() {
    return new TreeSet<>(ALL);
  }

  /** The known key an operator most likely meant, for "did you mean" messages. */
  public static Optional<String> closest(String unknown) {
    List<String> keys = List.copyOf(sorted());
    return keys.stream()
        .min(
            Comparator.comparingInt(
                (String k) ->
                    distance(unknown.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT))));
  }

  /** Edit distance, for "did you mean" (of keys here, of commands on the command line). */
  public static int distance(String a, String b) {
    return LevenshteinDistance.getDefaultInstance().apply(a, b);
  }
}
