// "SUPPRIMER": after a yes, upcoming bookings are cancelled and the person's name and number
// are erased from every booking of theirs. Coordinators see it in each booking's audit trail.
import { MessageFactory } from 'botbuilder';
import { ComponentDialog, ListStyle, WaterfallDialog, type WaterfallStepContext } from '../src/bot/dialog-kit';
import { t } from '../src/i18n';
import { YesNoPrompt } from '../src/bot/yes-no-prompt';
import { sayKey } from './say';
import { getProfile, personOf, type Services } from './services';

export const ERASE_DIALOG = 'erase';
const CONFIRM = 'eraseConfirm';

export class EraseDialog extends ComponentDialog {
  constructor(private readonly s: Services) {
    super(ERASE_DIALOG);
    this.addDialog(new YesNoPrompt(CONFIRM));
    this.addDialog(new WaterfallDialog('eraseSteps', [
      (step) => step.prompt(CONFIRM, {
        prompt: MessageFactory.text(t('erase.confirm')),
        retryPrompt: MessageFactory.text(t('retry.consent')),
        style: ListStyle.none,
      }),
      (step) => this.apply(step),
    ]));
    this.initialDialogId = 'eraseSteps';
  }

  private async apply(step: WaterfallStepContext) {
    if (step.result !== true) {
      await sayKey(step.context, 'erase.kept');
      return step.endDialog();
    }
    const { cancelled } = await this.s.person.erase(await personOf(this.s, step.context));
    const profile = await getProfile(this.s, step.context);
    profile.refs = [];
    if (cancelled === 0) await sayKey(step.context, 'erase.doneNone');
    else await sayKey(step.context, 'erase.done', { count: cancelled });
    return step.endDialog();
  }
}
