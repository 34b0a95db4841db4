// The parts of botbuilder-dialogs this bot uses, required file by file. The package's index
// also loads the date-time, number and choice recognisers of every prompt kind and the
// adaptive memory machinery: ~300 ms of start-up and ~30 MB of RSS for code no turn runs
// (bench/README.md, start-up). The package has no "exports" map, so its files are public
// paths; these are the same classes the index exports.
export { Dialog, DialogTurnStatus, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog';
export { DialogContext, type DialogState } from 'botbuilder-dialogs/lib/dialogContext';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
export { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext';
export { ListStyle } from 'botbuilder-dialogs/lib/prompts/prompt';
export { TextPrompt } from 'botbuilder-dialogs/lib/prompts/textPrompt';
