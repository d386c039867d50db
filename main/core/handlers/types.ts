import type { z } from 'zod';
import type { Channel, ChannelOutput, Contract } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import type { HandlerContext } from './context';

/** A handler gets the parsed (defaults applied) input and answers with a Result. */
export type Handler<C extends Channel> = (
  input: z.infer<Contract[C]['input']>,
  ctx: HandlerContext,
) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;

export type Handlers<C extends Channel> = { [K in C]: Handler<K> };
