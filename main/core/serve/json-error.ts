export { describeJsonError } from '../../../shared/domain/json-error';
