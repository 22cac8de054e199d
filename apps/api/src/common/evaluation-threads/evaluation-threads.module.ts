import { Global, Module } from '@nestjs/common';
import { SchemeEvaluator } from './scheme-evaluator';

/** The evaluation threads of a process (API or worker), shared by every module that evaluates schemes. */
@Global()
@Module({ providers: [SchemeEvaluator], exports: [SchemeEvaluator] })
export class EvaluationThreadsModule {}
