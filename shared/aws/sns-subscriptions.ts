import { ListSubscriptionsByTopicCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { Subscription } from "../doctor/checks.ts";

/** Every subscription of a topic, page by page; a pending one has `PendingConfirmation` as its ARN. */
export async function listTopicSubscriptions(sns: SNSClient, topicArn: string): Promise<Subscription[]> {
  const subscriptions: Subscription[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sns.send(
      new ListSubscriptionsByTopicCommand({
        TopicArn: topicArn,
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    for (const s of page.Subscriptions ?? []) {
      subscriptions.push({
        protocol: s.Protocol ?? "",
        endpoint: s.Endpoint ?? "",
        subscriptionArn: s.SubscriptionArn ?? "",
      });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return subscriptions;
}
