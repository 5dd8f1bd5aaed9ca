// The shared component library. Pages import from here, never from each other.
export { Alert, type AlertProps } from './Alert';
export { Button, type ButtonProps } from './Button';
export { Form, useFormState, type FormProps } from './Form';
export { Page, type PageProps } from './Page';
export { Link, navigate, usePath, type LinkProps } from './router';
export { QrCode } from './QrCode';
export { TextField, type TextFieldProps } from './TextField';
