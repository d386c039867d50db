// The shell logs with the core's file logger (tierline.log in the data folder).
export { fileLogger } from '../core/log';
