// The shared component library. Pages import from here, never from each other.
export { Alert, type AlertProps } from './Alert';
export { Button, type ButtonProps } from './Button';
export { Form, useFormState, type FormProps } from './Form';
export { Page, type PageProps } from './Page';
export { Link, navigate, usePath, type LinkProps } from './router';
export { distanceKm } from './distance';
export { MapView, type LatLng, type MapLayer, type MapTiles, type MapViewProps } from './MapView';
export { QrCode } from './QrCode';
export { TextField, type TextFieldProps } from './TextField';
// Lists, tables and dialogs (admin portal first; every portal's lists use them).
export { Badge, type BadgeProps } from './Badge';
export { ConfirmDialog, Dialog, type ConfirmDialogProps, type DialogProps } from './Dialog';
export { CopyButton, type CopyButtonProps } from './CopyButton';
export { LoadMore, type LoadMoreProps } from './LoadMore';
export { OneTimeSecret, type OneTimeSecretProps } from './OneTimeSecret';
export { RadioGroup, type RadioGroupProps, type RadioOption } from './RadioGroup';
export { Select, type SelectOption, type SelectProps } from './Select';
export { PagedListError, PagedTable, type PagedTableProps } from './PagedTable';
export { FilterForm, type FilterFormProps } from './FilterForm';
export { Table, type Column, type TableProps } from './Table';
export { usePagedList, type PagedList, type PageResult } from './usePagedList';
export { useFilteredList, type FilteredList } from './useFilteredList';
export { formatDate, formatDateTime, formatDateTimeSeconds, isoToLocalInput, localInputToIso } from './format';
export { readQuery, replaceQuery, withQuery } from './query';
// Shopping pieces (customer portal first): money, quantities, ratings, search as you type, checkboxes.
export { Checkbox, CheckboxGroup, type CheckboxGroupProps, type CheckboxOption, type CheckboxProps } from './CheckboxGroup';
export { Price, formatMoney, type PriceProps } from './Price';
export { QuantityStepper, type QuantityStepperProps } from './QuantityStepper';
export { Rating, RatingInput, ratingWords, type RatingInputProps, type RatingProps } from './Rating';
export { SearchBox, type SearchBoxProps } from './SearchBox';
export { arrowKeys } from './arrowKeys';
export { fieldMessage } from './fieldMessage';
// Editing pieces (merchant portal first): switches, reordering, time ranges, opening hours,
// availability windows, a polygon editor on the map, typing money.
export { Toggle, type ToggleProps } from './Toggle';
export { MoveButtons, moved, type MoveButtonsProps } from './MoveButtons';
export { TimeRangeInput, describeRange, type TimeRange, type TimeRangeInputProps } from './TimeRangeInput';
export { IntervalsEditor, type IntervalsEditorProps } from './IntervalsEditor';
export { WeeklyHoursEditor, emptyWeek, weekdays, type Weekday, type WeeklyHours, type WeeklyHoursEditorProps } from './WeeklyHoursEditor';
export { WindowsEditor, type AvailabilityWindow, type WindowsEditorProps } from './WindowsEditor';
export { PolygonEditor, describePoint, squareAround, type PolygonEditorProps } from './PolygonEditor';
export { minorDigits, moneyInputValue, parseMoney } from './money';
export { TextArea, type TextAreaProps } from './TextArea';
// Live pages (orders): pages loaded on first use, and an alert sound made without a file.
export { lazyPage } from './lazy';
export { playChime, unlockSound } from './chime';
// Chat: one conversation, live (customer's order page, driver app, support inbox).
export { ChatPanel, type ChatPanelProps } from './ChatPanel';
