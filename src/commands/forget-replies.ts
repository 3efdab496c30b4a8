import type { ForgetMe } from "../people/forget-me.js";
import type { Actor } from "../ports.js";
import type { ButtonHandler } from "../practice/practice.js";
import type { Reply } from "../views/card.js";
import { FORGET_CONFIRM_ID, forgetReply } from "../views/forget-view.js";

/** `/srm forget me` as replies: the ask, the typed confirmation, and the Forget me button. */
export class ForgetReplies implements ButtonHandler {
  constructor(private readonly forget: ForgetMe) {}

  /** `/srm forget me`: asks the person to confirm. */
  async ask(actor: Actor): Promise<Reply> {
    return forgetReply(await this.forget.ask(actor));
  }

  /** `/srm forget me confirm`: forgets them, if they asked in time. */
  async confirm(actor: Actor): Promise<Reply> {
    return forgetReply(await this.forget.confirm(actor));
  }

  /** The Forget me button: the same as the typed confirmation, for whoever pressed it. */
  async press(actionId: string, actor: Actor): Promise<Reply | null> {
    return actionId === FORGET_CONFIRM_ID ? this.confirm(actor) : null;
  }
}
