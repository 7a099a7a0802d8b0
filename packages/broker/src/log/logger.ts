// JSON log lines (one object per line), every field passed through redact().
import { redactValue, type Redactor } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  format: 'json' | 'pretty';
  redact: Redactor;
  write?: (line: string) => void;
  now?: () => number;
}

export function createLogger(options: LoggerOptions, base: Record<string, unknown> = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? Date.now;
  const emit = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void => {
    if (ORDER[level] < ORDER[options.level]) return;
    const record = redactValue(
      { time: new Date(now()).toISOString(), level, msg, ...base, ...fields },
      options.redact,
    ) as Record<string, unknown>;
    if (options.format === 'json') write(`${JSON.stringify(record)}\n`);
    else {
      const { time, level: lvl, msg: m, ...rest } = record;
      const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
      write(`${String(time)} ${String(lvl).toUpperCase().padEnd(5)} ${String(m)}${extra}\n`);
    }
  };
  return {
    debug: (msg, fields) => {
      emit('debug', msg, fields);
    },
    info: (msg, fields) => {
      emit('info', msg, fields);
    },
    warn: (msg, fields) => {
      emit('warn', msg, fields);
    },
    error: (msg, fields) => {
      emit('error', msg, fields);
    },
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}
