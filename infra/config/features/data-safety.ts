/** Data safety of the retained log resources of the operator account. */
import { z } from "zod";
import { bool } from "../fields";

export const dataSafetySchema = z
  .strictObject({
    // `protect` also refuses `pulumi destroy` of the whole stack until it is turned off again.
    protect: bool(false).meta({
      description:
        "Pulumi `protect` on the log key, log group and bucket (always retained on destroy); also blocks `pulumi destroy` until turned off.",
      descriptionJa:
        "ログ用の KMS キー、ロググループ、バケットに Pulumi の `protect` を付けます(destroy でも常に残ります)。off に戻すまで `pulumi destroy` も止まります。",
    }),
  })
  .prefault({});
