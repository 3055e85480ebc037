import { parseReplayArgs } from './replay-args';
import { REPLAYED_BY_DEFAULT, replayGroupId } from './replay';

describe('parseReplayArgs', () => {
  it('takes topics, and no reasons when none are named (the defaults apply)', () => {
    expect(parseReplayArgs(['a.v1', 'b.v1'])).toEqual({ topics: ['a.v1', 'b.v1'] });
  });

  it('takes reasons repeated, comma-separated or inline, without duplicates', () => {
    expect(
      parseReplayArgs([
        '--reason',
        'SCHEMA_INVALID,HANDLER_FAILED',
        'a.v1',
        '--reason=NO_HANDLER',
        '--reason',
        'HANDLER_FAILED',
      ]),
    ).toEqual({
      topics: ['a.v1'],
      reasons: ['SCHEMA_INVALID', 'HANDLER_FAILED', 'NO_HANDLER'],
    });
  });

  it.each([
    [
      ['--reason', 'SCHEMA', 'a.v1'],
      new RegExp(
        'unknown dead-letter reason "SCHEMA"; ' +
          'known: UNKNOWN_TOPIC, NO_HANDLER, MALFORMED_JSON, SCHEMA_INVALID, PRODUCER_MISMATCH, HANDLER_FAILED',
      ),
    ],
    [['a.v1', '--reason'], /--reason needs a value/],
    [['a.v1', '--reason='], /--reason needs a value/],
    [['--help'], /unknown option --help\nusage: dlq:replay/],
    [['--reasons', 'SCHEMA_INVALID', 'a.v1'], /unknown option --reasons/],
    [['--reason', 'HANDLER_FAILED'], /^usage: dlq:replay/],
    [[], /^usage: dlq:replay/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseReplayArgs(argv)).toThrow(message);
  });
});

describe('replayGroupId', () => {
  it('keeps the plain name for the default reasons, in any order', () => {
    expect(replayGroupId('a.v1', REPLAYED_BY_DEFAULT)).toBe('dlq-replay.a.v1');
    expect(replayGroupId('a.v1', [...REPLAYED_BY_DEFAULT].reverse())).toBe('dlq-replay.a.v1');
  });

  it('gives every other choice of reasons its own progress', () => {
    expect(replayGroupId('a.v1', ['SCHEMA_INVALID'])).toBe('dlq-replay.a.v1.SCHEMA_INVALID');
    expect(replayGroupId('a.v1', ['SCHEMA_INVALID', 'HANDLER_FAILED'])).toBe(
      replayGroupId('a.v1', ['HANDLER_FAILED', 'SCHEMA_INVALID']),
    );
    expect(replayGroupId('a.v1', ['HANDLER_FAILED'])).not.toBe(replayGroupId('a.v1', REPLAYED_BY_DEFAULT));
  });
});
