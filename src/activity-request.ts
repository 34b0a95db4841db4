// botbuilder's CloudAdapter, with a leaner way in for a POSTed activity: what
// CloudAdapter.process does, minus the zod schemas it builds and runs on every request to check
// its own arguments (z.record(...) twice, the response, the logic: ≈ 4 % of a booking turn's
// allocations, bench/PROFILE.md). The same steps and answers: 405 unless POST, 400 unless the
// body is an object or without an activity type, the activity fixed (timestamps as dates), the
// turn through processActivity (authentication included), its invoke or expectReplies answer,
// 401 on an authentication error and 500 otherwise. Web sockets still go through process().
import { CloudAdapter, StatusCodes, type Activity, type TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import type { Request, Response } from 'restify';

export class ActivityAdapter extends CloudAdapter {
  async processRequest(req: Request, res: Response, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const end = (status: number, body?: unknown) => {
      res.status(status);
      if (body) res.send(body);
      res.end();
    };
    if (req.method !== 'POST') return end(StatusCodes.METHOD_NOT_ALLOWED);
    const body: unknown = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return end(StatusCodes.BAD_REQUEST, '`req.body` not an object, make sure you are using middleware to parse incoming requests.');
    }
    const activity = validateAndFixActivity(body as Activity);
    if (!activity.type) {
      console.warn('BadRequest: Missing activity or activity type.');
      return end(StatusCodes.BAD_REQUEST);
    }
    const authHeader = String(req.headers.Authorization ?? req.headers.authorization ?? '');
    try {
      const invokeResponse = await this.processActivity(authHeader, activity, logic);
      return end(invokeResponse?.status ?? StatusCodes.OK, invokeResponse?.body);
    } catch (err) {
      console.error(err);
      return end(err instanceof AuthenticationError ? StatusCodes.UNAUTHORIZED : StatusCodes.INTERNAL_SERVER_ERROR, (err as Error).message ?? err);
    }
  }
}
