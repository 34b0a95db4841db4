// npx tsx scripts/corpus-score.ts [--fails]: the same report as `npm run understand -- --score`.
import { scoreReport } from '../test/language/people-score';

process.stdout.write(scoreReport(process.argv.includes('--fails')));
