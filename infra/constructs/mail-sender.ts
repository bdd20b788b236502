/**
 * The SES side of the receipts: the sender identity and the permission to send as it, in the mail region.
 *
 * One stack can only create resources in its own region, so the identity is created here only when SES lives in
 * the stack's region; otherwise the operator verifies it once in the mail region (docs/deploy.md) and the functions
 * are granted sending on its exact ARN there.
 */
import { Annotations, CfnOutput, Fn, Stack } from "aws-cdk-lib";
import type { IGrantable } from "aws-cdk-lib/aws-iam";
import { EmailIdentity, Identity, type IEmailIdentity } from "aws-cdk-lib/aws-ses";
import { Construct } from "constructs";

export interface MailSenderProps {
  senderAddress: string;
  /** Verify this whole domain (Easy DKIM) rather than the single address. */
  senderDomain?: string;
  /** SES region; undefined means the stack's own. */
  mailRegion?: string;
  /** The stack's region when pinned by configuration; undefined for an environment-agnostic stack. */
  stackRegion?: string;
  /** False when the identity is already verified in SES (CloudFormation cannot adopt it). */
  createIdentity: boolean;
  /** SES sandbox only: recipients whose identities SES also authorizes each send against. */
  sandboxRecipients: readonly string[];
}

export class MailSender extends Construct {
  /** The identity created by this stack, when it is. */
  readonly identity?: EmailIdentity;
  /** Identities the functions may send as (sender address, its domain, sandbox recipients), all in the mail region. */
  readonly sendableIdentities: readonly IEmailIdentity[];
  /** Where SES is called: a region name, or the stack's region token. */
  readonly region: string;

  constructor(scope: Construct, id: string, props: MailSenderProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const inStackRegion = props.mailRegion === undefined || props.mailRegion === props.stackRegion;
    this.region = props.mailRegion ?? stack.region;

    // Credentials of a China-partition role are not accepted by SES in the global partition: no grant can help.
    if (props.stackRegion?.startsWith("cn-") && !this.region.startsWith("cn-")) {
      Annotations.of(this).addWarningV2(
        "shenbao:mail-cross-partition",
        `The stack is in ${props.stackRegion} (partition aws-cn) and SES in ${this.region} (partition aws): ` +
          "the functions' role cannot sign requests there, so receipts will not be sent until the functions get " +
          "credentials of a global-partition account. See docs/deploy.md, China regions.",
      );
      this.sendableIdentities = [];
      return;
    }

    const verified = props.senderDomain ?? props.senderAddress;
    if (inStackRegion && props.createIdentity) {
      this.identity = new EmailIdentity(this, "Identity", {
        identity: props.senderDomain
          ? Identity.domain(props.senderDomain)
          : Identity.email(props.senderAddress),
      });
      if (props.senderDomain) {
        new CfnOutput(stack, "SenderDkimRecords", {
          description: `CNAME records to publish in the DNS of ${props.senderDomain} (name=value, comma-separated)`,
          value: Fn.join(
            ",",
            this.identity.dkimRecords.map((r) => Fn.join("=", [r.name, r.value])),
          ),
        });
      }
    }
    const arnIn = (name: string) =>
      stack.formatArn({ service: "ses", region: this.region, resource: "identity", resourceName: name });
    // SES authorizes a send against the address identity when one exists, else against its domain's: grant both.
    const names = [
      verified,
      ...(props.senderDomain ? [props.senderAddress] : []),
      ...props.sandboxRecipients,
    ];
    this.sendableIdentities = [...new Set(names)].map((name, index) =>
      this.identity && name === verified
        ? this.identity
        : EmailIdentity.fromEmailIdentityArn(this, `Sendable${index}`, arnIn(name)),
    );
  }

  /** ses:SendEmail and ses:SendRawEmail on each sendable identity's exact ARN. */
  grantSend(grantee: IGrantable): void {
    for (const identity of this.sendableIdentities) identity.grantSendEmail(grantee);
  }
}
