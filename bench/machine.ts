import os from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  postgres: string;
  /** 1-minute load average when the run started and ended: how busy the shared machine was. */
  loadAverage: { start: number; end: number | null };
}

/** The machine, without names or paths: what a reader needs to weigh the figures. */
export function describeMachine(postgres: string): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres,
    loadAverage: { start: os.loadavg()[0]!, end: null },
  };
}

export function finishMachine(machine: Machine): Machine {
  return { ...machine, loadAverage: { ...machine.loadAverage, end: os.loadavg()[0]! } };
}
